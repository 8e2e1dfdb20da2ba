namespace RelayCluster.Core.Configuration;

/// <summary>Logging (<c>relay.log</c>).</summary>
public sealed record LogConfig
{
    /// <summary>The least severe events written (<c>level</c>); default <see cref="RelayLogLevel.Information"/>.</summary>
    public RelayLogLevel Level { get; init; } = RelayLogLevel.Information;

    /// <summary>How events are written to the console (<c>format</c>); default <see cref="LogFormat.Text"/>.</summary>
    public LogFormat Format { get; init; } = LogFormat.Text;

    /// <summary>
    /// A file that gets every event too, in the same format (<c>file</c>); a relative path is taken from the directory of
    /// the config file that sets it. Null (the default) writes to the console only.
    /// </summary>
    public string? File { get; init; }
}
