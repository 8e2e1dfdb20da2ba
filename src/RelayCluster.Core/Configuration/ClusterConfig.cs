namespace RelayCluster.Core.Configuration;

/// <summary>The cluster this node joins and how members share state (<c>relay.cluster</c>).</summary>
public sealed record ClusterConfig
{
    /// <summary>The default <see cref="Name"/>: <c>default</c>.</summary>
    public const string DefaultName = "default";

    /// <summary>The default <see cref="StatsInterval"/>: 1 second.</summary>
    public static readonly TimeSpan DefaultStatsInterval = TimeSpan.FromSeconds(1);

    /// <summary>The cluster's name; nodes with the same backplane and name form one cluster (<c>name</c>); default <c>default</c>.</summary>
    public string Name { get; init; } = DefaultName;

    /// <summary>Where cluster state lives (<c>backplane</c>); default <see cref="BackplaneKind.Embedded"/>.</summary>
    public BackplaneKind Backplane { get; init; } = BackplaneKind.Embedded;

    /// <summary>The Akka.Cluster backplane's remoting, seeds, split-brain resolver and state dir (<c>akka</c>); used when <see cref="Backplane"/> is akka.</summary>
    public AkkaClusterConfig Akka { get; init; } = new();

    /// <summary>How often the node publishes its session counts and traffic stats (<c>stats-interval</c>); default 1 s.</summary>
    public TimeSpan StatsInterval { get; init; } = DefaultStatsInterval;
}
