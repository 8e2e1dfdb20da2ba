using System.Collections.Immutable;
using Akka.Actor;
using Akka.DistributedData;
using static Akka.Cluster.ClusterEvent;
using ClusterExtension = Akka.Cluster.Cluster;
using AkkaMember = Akka.Cluster.Member;
using UniqueAddress = Akka.Cluster.UniqueAddress;

namespace RelayCluster.Node.Cluster.AkkaCluster;

/// <summary>
/// Follows one incarnation's membership, reachability and the shared keys, and hands a <see cref="ClusterSnapshot"/>
/// to the backplane after every change. Registers this node's metadata when it starts.
/// </summary>
public sealed class ClusterStateActor : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan s_repairInterval = TimeSpan.FromSeconds(2);
    private readonly Action<ClusterSnapshot> _publish;
    private readonly ClusterExtension _cluster = ClusterExtension.Get(Context.System);
    private readonly IActorRef _replicator = DistributedData.Get(Context.System).Replicator;
    private readonly MemberInfo _info;
    private ImmutableDictionary<UniqueAddress, AkkaMember> _members = ImmutableDictionary<UniqueAddress, AkkaMember>.Empty;
    private ImmutableHashSet<UniqueAddress> _unreachable = [];
    private ClusterSnapshot _snapshot;

    /// <summary>Creates the actor; <paramref name="publish"/> runs on the actor after every change.</summary>
    public ClusterStateActor(MemberInfo info, Action<ClusterSnapshot> publish)
    {
        _info = info;
        _publish = publish;
        _snapshot = new ClusterSnapshot(_cluster.SelfUniqueAddress, [], null, null, null, null, null);
        Receive<CurrentClusterState>(state =>
        {
            _members = state.Members.ToImmutableDictionary(member => member.UniqueAddress);
            _unreachable = state.Unreachable.Select(member => member.UniqueAddress).ToImmutableHashSet();
            Publish();
        });
        Receive<MemberRemoved>(removed =>
        {
            _members = _members.Remove(removed.Member.UniqueAddress);
            _unreachable = _unreachable.Remove(removed.Member.UniqueAddress);
            Publish();
        });
        Receive<IMemberEvent>(changed =>
        {
            // Akka's members are equal by address alone, so SetItem would keep the old status: replace the entry.
            _members = _members.Remove(changed.Member.UniqueAddress).Add(changed.Member.UniqueAddress, changed.Member);
            Publish();
        });
        Receive<UnreachableMember>(changed =>
        {
            _unreachable = _unreachable.Add(changed.Member.UniqueAddress);
            Publish();
        });
        Receive<ReachableMember>(changed =>
        {
            _unreachable = _unreachable.Remove(changed.Member.UniqueAddress);
            Publish();
        });
        Receive<OperatorDownNotice>(notice =>
        {
            if (notice.Incarnation == ClusterSnapshot.IncarnationKey(_cluster.SelfUniqueAddress))
            {
                _snapshot = _snapshot with { DownNoticed = true };
                Publish();
            }

            Sender.Tell(notice);
        });
        Receive<Changed>(OnChanged);
        Receive<IUpdateResponse>(_ => { });
        Receive<Repair>(_ => RequestRepair());
        Receive<GetSuccess>(success => OnData(success.Key.Id, success.Data));
        Receive<IGetResponse>(_ => { });
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The actor's name under <c>/user</c>, the same on every node.</summary>
    public const string Name = "cluster-state";

    /// <summary>The props of the actor.</summary>
    public static Props Props(MemberInfo info, Action<ClusterSnapshot> publish) =>
        Akka.Actor.Props.Create(() => new ClusterStateActor(info, publish));

    /// <inheritdoc />
    protected override void PreStart()
    {
        _cluster.Subscribe(Self, SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(IMemberEvent), typeof(IReachabilityEvent));
        _replicator.Tell(Dsl.Subscribe(ClusterKeys.Members, Self));
        _replicator.Tell(Dsl.Subscribe(ClusterKeys.Rules, Self));
        _replicator.Tell(Dsl.Subscribe(ClusterKeys.Upstreams, Self));
        _replicator.Tell(Dsl.Subscribe(ClusterKeys.Stats, Self));
        _replicator.Tell(Dsl.Subscribe(ClusterKeys.Downs, Self));
        Timers.StartPeriodicTimer("repair", Repair.Instance, s_repairInterval);
        var key = ClusterSnapshot.MemberKey(_cluster.SelfAddress);
        _replicator.Tell(Dsl.Update(
            ClusterKeys.Members, LWWDictionary<string, MemberInfo>.Empty, WriteLocal.Instance, all => all.SetItem(_cluster, key, _info)));
    }

    /// <inheritdoc />
    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private void OnChanged(Changed changed) => OnData(changed.Key.Id, (IReplicatedData)changed.Data);

    private void OnData(string key, IReplicatedData data)
    {
        var before = _snapshot;
        _snapshot = key switch
        {
            _ when key == ClusterKeys.Members.Id => _snapshot with { Infos = (LWWDictionary<string, MemberInfo>)data },
            _ when key == ClusterKeys.Rules.Id => _snapshot with { Rules = (LWWDictionary<string, RuleEntry>)data },
            _ when key == ClusterKeys.Upstreams.Id => _snapshot with { Upstreams = (LWWDictionary<string, UpstreamEntry>)data },
            _ when key == ClusterKeys.Stats.Id => _snapshot with { Stats = (LWWDictionary<string, StatsEntry>)data },
            _ when key == ClusterKeys.Downs.Id => _snapshot with { Downs = (LWWDictionary<string, OperatorDown>)data },
            _ => _snapshot,
        };
        if (!Equals(before, _snapshot))
        {
            Publish();
        }
    }

    /// <summary>
    /// Reads the shared keys from a majority now and then: a read repairs the local copy, so a member that restarted
    /// on the same address gets the entries written before it came back even when gossip passes it by.
    /// </summary>
    private void RequestRepair()
    {
        if (_members.Count < 2)
        {
            return;
        }

        var read = new ReadMajority(TimeSpan.FromSeconds(1));
        _replicator.Tell(Dsl.Get(ClusterKeys.Members, read));
        _replicator.Tell(Dsl.Get(ClusterKeys.Rules, read));
        _replicator.Tell(Dsl.Get(ClusterKeys.Upstreams, read));
        _replicator.Tell(Dsl.Get(ClusterKeys.Downs, read));
    }

    private sealed class Repair
    {
        public static readonly Repair Instance = new();
    }

    private void Publish()
    {
        _snapshot = _snapshot with
        {
            Members = _members.Values.Select(member => (member, !_unreachable.Contains(member.UniqueAddress))).ToList(),
        };
        _publish(_snapshot);
    }
}
