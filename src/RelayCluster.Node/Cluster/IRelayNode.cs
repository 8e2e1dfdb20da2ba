using RelayCluster.Core.Configuration;
using RelayCluster.Core.Upstreams;
using RelayCluster.Node.Rules;

namespace RelayCluster.Node.Cluster;

/// <summary>The relay node as its cluster coordinator and the admin API see it: the rules it runs and how to change them.</summary>
public interface IRelayNode
{
    /// <summary>The config the node runs.</summary>
    RelayConfig Config { get; }

    /// <summary>The running rules: a snapshot, replaced as a whole when rules change.</summary>
    IReadOnlyList<RelayRule> Rules { get; }

    /// <summary>Live sessions on this node, all rules together.</summary>
    long ActiveSessions { get; }

    /// <summary>The running rule named <paramref name="name"/>, or null.</summary>
    RelayRule? FindRule(string name);

    /// <summary>Makes the running rules those of <paramref name="rules"/>; returns one message per rule that could not start.</summary>
    Task<IReadOnlyList<string>> ApplyRulesAsync(IReadOnlyList<RuleConfig> rules, CancellationToken cancellationToken = default);

    /// <summary>Sets the admin state of one upstream of one rule; false when there is no such upstream.</summary>
    Task<bool> SetUpstreamAdminStateAsync(string rule, string address, UpstreamAdminState state, CancellationToken cancellationToken = default);

    /// <summary>Stops opening sessions and closes what is left after <paramref name="grace"/>.</summary>
    Task DrainAsync(TimeSpan grace, CancellationToken cancellationToken = default);

    /// <summary>The node's actor tree as <c>/user/...</c> paths in order.</summary>
    Task<IReadOnlyList<string>> ListActorsAsync(CancellationToken cancellationToken = default);
}
