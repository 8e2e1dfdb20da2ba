using RelayCluster.Hocon;

namespace Microsoft.Extensions.Configuration;

/// <summary>Adds HOCON files to an <see cref="IConfigurationBuilder"/>, as <c>AddJsonFile</c> does for JSON.</summary>
public static class HoconConfigurationExtensions
{
    /// <summary>Adds the HOCON file at <paramref name="path"/>; a relative path is resolved against the builder's base path.</summary>
    public static IConfigurationBuilder AddHoconFile(this IConfigurationBuilder builder, string path, bool optional = false, bool reloadOnChange = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(path);
        return builder.AddHoconFile(source =>
        {
            source.Path = path;
            source.Optional = optional;
            source.ReloadOnChange = reloadOnChange;
            source.ResolveFileProvider();
        });
    }

    /// <summary>Adds a HOCON file configured by <paramref name="configureSource"/>.</summary>
    public static IConfigurationBuilder AddHoconFile(this IConfigurationBuilder builder, Action<HoconConfigurationSource> configureSource)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(configureSource);
    }

    /// <summary>Adds <paramref name="paths"/> as one configuration: later files merge over earlier ones and substitutions resolve across all of them.</summary>
    public static IConfigurationBuilder AddHoconFiles(this IConfigurationBuilder builder, IReadOnlyList<string> paths, bool reloadOnChange = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(paths);
        return builder.Add<HoconFilesConfigurationSource>(source =>
        {
            source.Paths = paths;
            source.ReloadOnChange = reloadOnChange;
        });
    }
}
