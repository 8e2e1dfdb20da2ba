using RelayCluster.Hocon;

namespace RelayCluster.Core.Configuration;

/// <summary>The outcome of loading or binding a config: the config when it is valid, else every error found.</summary>
public sealed class RelayConfigResult
{
    internal RelayConfigResult(RelayConfig? config, IReadOnlyList<ConfigError> errors, HoconObject? root = null)
    {
        Config = errors.Count == 0 ? config : null;
        Errors = errors;
        Root = Config is null ? null : root;
    }

    /// <summary>The parsed, resolved tree the valid config was bound from (with every value's position); null when there are errors.</summary>
    public HoconObject? Root { get; }

    /// <summary>The config; null when there are errors, so a half-valid config is never used.</summary>
    public RelayConfig? Config { get; }

    /// <summary>Every error found, in the order of the files and then by line and column.</summary>
    public IReadOnlyList<ConfigError> Errors { get; }

    /// <summary>Whether the config has no errors.</summary>
    public bool IsValid => Config is not null;
}
