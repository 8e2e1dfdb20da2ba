namespace RelayCluster.Core.Configuration;

/// <summary>Where cluster state (members, rules, stats) lives (<c>relay.cluster.backplane</c>).</summary>
public enum BackplaneKind
{
    /// <summary>In this process only, persisted to a local state file: a single-node cluster (<c>embedded</c>).</summary>
    Embedded,

    /// <summary>Akka.Cluster membership with the shared state in Akka.DistributedData (<c>akka</c>).</summary>
    Akka,
}
