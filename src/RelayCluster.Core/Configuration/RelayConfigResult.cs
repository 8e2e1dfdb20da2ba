namespace RelayCluster.Core.Configuration;

/// <summary>The outcome of loading or binding a config: the config when it is valid, else every error found.</summary>
public sealed class RelayConfigResult
{
    internal RelayConfigResult(RelayConfig? config, IReadOnlyList<ConfigError> errors)
    {
        Config = errors.Count == 0 ? config : null;
        Errors = errors;
    }

    /// <summary>The config; null when there are errors, so a half-valid config is never used.</summary>
    public RelayConfig? Config { get; }

    /// <summary>Every error found, in the order of the files and then by line and column.</summary>
    public IReadOnlyList<ConfigError> Errors { get; }

    /// <summary>Whether the config has no errors.</summary>
    public bool IsValid => Config is not null;
}
