using Akka.DistributedData;

namespace RelayCluster.Node.Cluster.AkkaCluster;

/// <summary>The DistributedData keys of a cluster's shared state.</summary>
public static class ClusterKeys
{
    /// <summary>Member metadata by member address (<c>host:port</c>).</summary>
    public static readonly LWWDictionaryKey<string, MemberInfo> Members = new("relay-members");

    /// <summary>Rules by name; a deleted rule stays as a tombstone so revisions keep growing. Durable.</summary>
    public static readonly LWWDictionaryKey<string, RuleEntry> Rules = new("relay-rules");

    /// <summary>Upstream admin states by <c>rule/address</c>. Durable.</summary>
    public static readonly LWWDictionaryKey<string, UpstreamEntry> Upstreams = new("relay-upstreams");

    /// <summary>Each node's last published load by node id.</summary>
    public static readonly LWWDictionaryKey<string, StatsEntry> Stats = new("relay-stats");

    /// <summary>Incarnations (<c>host:port#uid</c>) that an operator downed.</summary>
    public static readonly LWWDictionaryKey<string, OperatorDown> Downs = new("relay-downs");

    /// <summary>The keys the durable store keeps: rules and upstream admin states.</summary>
    public static IReadOnlyList<string> Durable { get; } = [Rules.Id, Upstreams.Id];

    /// <summary>The key of one upstream's admin state.</summary>
    public static string UpstreamKey(string rule, string address) => $"{rule}/{address.ToLowerInvariant()}";
}
