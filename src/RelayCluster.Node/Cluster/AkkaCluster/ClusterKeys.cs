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

    /// <summary>
    /// Which upstream each client was given (<c>session.affinity = cluster</c>), by <c>rule/client-ip:port</c>, split into
    /// <see cref="AffinityShardCount"/> maps by a stable hash of the key, so a change gossips one small map, not all of them.
    /// </summary>
    public static readonly IReadOnlyList<LWWDictionaryKey<string, AffinityEntry>> Affinity =
        [.. Enumerable.Range(0, AffinityShardCount).Select(shard => new LWWDictionaryKey<string, AffinityEntry>($"relay-affinity-{shard}"))];

    /// <summary>
    /// How many maps the affinity entries are split into. A map travels whole in one remoting frame (128 kB by default) when
    /// gossip repairs a replica: at about 42 bytes an entry once serialized, about 3,000 entries a map, 190,000 in all.
    /// </summary>
    public const int AffinityShardCount = 64;

    /// <summary>The keys the durable store keeps: rules and upstream admin states.</summary>
    public static IReadOnlyList<string> Durable { get; } = [Rules.Id, Upstreams.Id];

    /// <summary>The key of one upstream's admin state.</summary>
    public static string UpstreamKey(string rule, string address) => $"{rule}/{address.ToLowerInvariant()}";

    /// <summary>The shard of an affinity entry: FNV-1a of the key's characters, the same in every process.</summary>
    public static int AffinityShard(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var hash = 2166136261u;
        foreach (var character in key)
        {
            hash = (hash ^ character) * 16777619u;
        }

        return (int)(hash % AffinityShardCount);
    }
}
