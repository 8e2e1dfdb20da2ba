namespace RelayCluster.Hocon;

/// <summary>Settings and limits for parsing HOCON; every limit that is exceeded becomes a positioned <see cref="HoconException"/>.</summary>
public sealed class HoconParseOptions
{
    /// <summary>Looks up an environment variable for a substitution not found in the configuration; returns null when it is not set.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; set; } = Environment.GetEnvironmentVariable;

    /// <summary>The deepest nesting of objects and arrays allowed, counting path keys such as <c>a.b.c</c> as nesting.</summary>
    public int MaxDepth { get; set; } = 256;

    /// <summary>The deepest chain of includes allowed (a file including a file including a file...).</summary>
    public int MaxIncludeDepth { get; set; } = 32;

    /// <summary>The most characters read in total by one parse, across all files and includes; also caps resolved strings and arrays.</summary>
    public int MaxInputLength { get; set; } = 16 * 1024 * 1024;
}
