using RelayCluster.Cli.Actors;
using RelayCluster.Cli.Cluster;
using RelayCluster.Cli.Config;
using RelayCluster.Cli.Node;
using RelayCluster.Cli.Rules;
using RelayCluster.Cli.Sessions;
using RelayCluster.Cli.Stats;
using RelayCluster.Cli.Upstreams;

namespace RelayCluster.Cli;

/// <summary>Every palette relayctl offers; a new palette is one class and one line here.</summary>
internal static class CommandPalettes
{
    /// <summary>The palettes, in the order help lists them.</summary>
    public static IReadOnlyList<ICommandPalette> All { get; } =
    [
        new NodePalette(),
        new ClusterPalette(),
        new ActorPalette(),
        new RulesPalette(),
        new UpstreamsPalette(),
        new SessionsPalette(),
        new StatsPalette(),
        new ConfigPalette(),
    ];
}
