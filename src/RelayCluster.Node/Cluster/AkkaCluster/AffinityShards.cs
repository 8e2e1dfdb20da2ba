using Akka.DistributedData;
using RelayCluster.Node.Affinity;

namespace RelayCluster.Node.Cluster.AkkaCluster;

/// <summary>
/// The affinity maps as this node's replicator last reported them: one immutable map per shard, swapped whole by the
/// <see cref="AffinityActor"/> and read by the listeners' new-session path without a lock or a message.
/// </summary>
public sealed class AffinityShards : IAffinitySource
{
    private readonly LWWDictionary<string, AffinityEntry>?[] _shards = new LWWDictionary<string, AffinityEntry>?[ClusterKeys.AffinityShardCount];

    /// <inheritdoc />
    public int Count
    {
        get
        {
            var count = 0;
            for (var shard = 0; shard < _shards.Length; shard++)
            {
                count += Volatile.Read(ref _shards[shard])?.Count ?? 0;
            }

            return count;
        }
    }

    /// <summary>Shard <paramref name="shard"/> as last received, or null before the first.</summary>
    public LWWDictionary<string, AffinityEntry>? this[int shard] => Volatile.Read(ref _shards[shard]);

    /// <summary>Replaces shard <paramref name="shard"/>.</summary>
    public void Set(int shard, LWWDictionary<string, AffinityEntry> data) => Volatile.Write(ref _shards[shard], data);

    /// <inheritdoc />
    public bool TryFind(string key, out string upstream, out DateTimeOffset expires)
    {
        if (Volatile.Read(ref _shards[ClusterKeys.AffinityShard(key)]) is { } shard && shard.TryGetValue(key, out var entry))
        {
            upstream = entry.Upstream;
            expires = entry.Expires;
            return true;
        }

        upstream = "";
        expires = default;
        return false;
    }
}
