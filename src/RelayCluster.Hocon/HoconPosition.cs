namespace RelayCluster.Hocon;

/// <summary>A place in a HOCON source: file, 1-based line and 1-based column.</summary>
public readonly record struct HoconPosition(string File, int Line, int Column)
{
    /// <summary>The position as <c>file:line:col</c>, the form compilers and editors understand.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}";
}
