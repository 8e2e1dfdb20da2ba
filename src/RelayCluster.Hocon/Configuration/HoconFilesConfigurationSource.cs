using Microsoft.Extensions.Configuration;

namespace RelayCluster.Hocon;

/// <summary>
/// Several HOCON files read as one configuration: later files merge over earlier ones and substitutions resolve across
/// all of them, as <see cref="HoconParser.ParseFiles"/> does.
/// </summary>
public sealed class HoconFilesConfigurationSource : IConfigurationSource
{
    /// <summary>The files in merge order; relative paths are resolved against the current directory when built.</summary>
    public IReadOnlyList<string> Paths { get; set; } = [];

    /// <summary>Whether a change to any of the files reloads the configuration.</summary>
    public bool ReloadOnChange { get; set; }

    /// <summary>How long to wait after a change before reloading, so a file being written is read whole.</summary>
    public TimeSpan ReloadDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Parse settings and limits; null uses the defaults.</summary>
    public HoconParseOptions? ParseOptions { get; set; }

    /// <summary>Called when a reload fails; the last good values stay in place.</summary>
    public Action<HoconException>? OnReloadError { get; set; }

    /// <inheritdoc />
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new HoconFilesConfigurationProvider(this);
}
