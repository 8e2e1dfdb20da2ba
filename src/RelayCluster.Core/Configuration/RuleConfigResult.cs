namespace RelayCluster.Core.Configuration;

/// <summary>The outcome of binding rules on their own (<c>relayctl rules apply</c>): the rules when all are valid, else every error found.</summary>
public sealed class RuleConfigResult
{
    internal RuleConfigResult(IReadOnlyList<RuleConfig> rules, IReadOnlyList<ConfigError> errors)
    {
        Rules = errors.Count == 0 ? rules : [];
        Errors = errors;
    }

    /// <summary>The rules in the order written; empty when there are errors.</summary>
    public IReadOnlyList<RuleConfig> Rules { get; }

    /// <summary>Every error found, in the order of the files and then by line and column.</summary>
    public IReadOnlyList<ConfigError> Errors { get; }

    /// <summary>Whether the rules have no errors.</summary>
    public bool IsValid => Errors.Count == 0;
}
