using Akka.Actor;
using Akka.DistributedData;
using RelayCluster.Node.Affinity;
using ClusterExtension = Akka.Cluster.Cluster;

namespace RelayCluster.Node.Cluster.AkkaCluster;

/// <summary>
/// Shares the node's client-to-upstream entries (<c>session.affinity = cluster</c>) through DistributedData. Every
/// <see cref="FlushInterval"/> it takes the new sessions the <see cref="AffinityTable"/> queued, and the refreshes of live
/// sessions due, and writes them with one local update per shard that changed; gossip spreads them. It keeps the table's
/// lookup current from the replicator's change notifications, and removes entries that have expired.
/// </summary>
public sealed class AffinityActor : ReceiveActor, IWithTimers
{
    /// <summary>How often queued entries are written: what a node killed outright can lose at most.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(200);

    private static readonly TimeSpan s_pruneInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_pruneGrace = TimeSpan.FromSeconds(5);
    private readonly AffinityTable _table;
    private readonly AffinityShards _shards = new();
    private readonly IActorRef _replicator = DistributedData.Get(Context.System).Replicator;
    private readonly Akka.Cluster.UniqueAddress _self = ClusterExtension.Get(Context.System).SelfUniqueAddress;
    private readonly Dictionary<string, int> _shardOfKey = ClusterKeys.Affinity.Select((key, shard) => (key.Id, shard)).ToDictionary(entry => entry.Id, entry => entry.shard, StringComparer.Ordinal);
    private readonly List<AffinityRecord> _due = [];

    /// <summary>Creates the actor that shares <paramref name="table"/>.</summary>
    public AffinityActor(AffinityTable table)
    {
        _table = table;
        Receive<Changed>(changed =>
        {
            if (_shardOfKey.TryGetValue(changed.Key.Id, out var shard))
            {
                _shards.Set(shard, changed.Get(ClusterKeys.Affinity[shard]));
            }
        });
        Receive<Flush>(_ => OnFlush());
        Receive<Prune>(_ => OnPrune());
        Receive<IUpdateResponse>(_ => { });
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The actor's name under <c>/user</c>.</summary>
    public const string Name = "affinity";

    /// <summary>The props of the actor.</summary>
    public static Props Props(AffinityTable table) => Akka.Actor.Props.Create(() => new AffinityActor(table));

    /// <inheritdoc />
    protected override void PreStart()
    {
        foreach (var key in ClusterKeys.Affinity)
        {
            _replicator.Tell(Dsl.Subscribe(key, Self));
        }

        _table.Attach(_shards);
        Timers.StartPeriodicTimer("flush", Flush.Instance, FlushInterval);
        Timers.StartPeriodicTimer("prune", Prune.Instance, s_pruneInterval);
    }

    /// <inheritdoc />
    protected override void PostStop() => _table.Detach(_shards);

    private void OnFlush()
    {
        _due.Clear();
        while (_due.Count < AffinityTable.MaxPending && _table.TryTake(out var record))
        {
            _due.Add(record);
        }

        _table.CollectRefreshes(DateTimeOffset.UtcNow, _due);
        if (_due.Count == 0)
        {
            return;
        }

        foreach (var group in _due.GroupBy(record => ClusterKeys.AffinityShard(record.Key)))
        {
            var records = group.ToList();
            var self = _self;
            _replicator.Tell(Dsl.Update(ClusterKeys.Affinity[group.Key], LWWDictionary<string, AffinityEntry>.Empty, WriteLocal.Instance, map =>
            {
                foreach (var record in records)
                {
                    map = map.SetItem(self, record.Key, new AffinityEntry(record.Upstream, record.Expires));
                }

                return map;
            }));
        }
    }

    private void OnPrune()
    {
        var before = DateTimeOffset.UtcNow - s_pruneGrace;
        for (var shard = 0; shard < ClusterKeys.AffinityShardCount; shard++)
        {
            if (_shards[shard] is not { } entries)
            {
                continue;
            }

            var expired = entries.Where(entry => entry.Value.Expires < before).Select(entry => entry.Key).ToList();
            if (expired.Count == 0)
            {
                continue;
            }

            var self = _self;
            _replicator.Tell(Dsl.Update(ClusterKeys.Affinity[shard], LWWDictionary<string, AffinityEntry>.Empty, WriteLocal.Instance, map =>
            {
                foreach (var key in expired)
                {
                    map = map.Remove(self, key);
                }

                return map;
            }));
        }
    }

    private sealed class Flush
    {
        public static readonly Flush Instance = new();
    }

    private sealed class Prune
    {
        public static readonly Prune Instance = new();
    }
}
