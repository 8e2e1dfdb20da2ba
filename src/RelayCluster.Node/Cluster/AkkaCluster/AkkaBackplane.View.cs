using RelayCluster.Core.Upstreams;
using AkkaMemberStatus = Akka.Cluster.MemberStatus;

namespace RelayCluster.Node.Cluster.AkkaCluster;

public sealed partial class AkkaBackplane
{
    private void OnSnapshot(int incarnation, ClusterSnapshot snapshot)
    {
        var startSeeding = false;
        lock (_lock)
        {
            if (Volatile.Read(ref _incarnation) is not { } current || current.Number != incarnation)
            {
                return;
            }

            _snapshot = snapshot;
            if (snapshot.SelfDownedByOperator && !_operatorDowned)
            {
                _operatorDowned = true;
                Log.OperatorDowned(_logger);
            }

            startSeeding = !_seeded && SelfStatus(snapshot) == AkkaMemberStatus.Up && !_seeding;
            _seeding |= startSeeding;
            PublishLocked(BuildView(snapshot));
        }

        if (startSeeding && Incarnation is { } seeding)
        {
            _ = Task.Run(() => SeedAsync(seeding), CancellationToken.None);
        }
    }

    private static AkkaMemberStatus? SelfStatus(ClusterSnapshot snapshot) =>
        snapshot.Members.FirstOrDefault(entry => entry.Member.UniqueAddress.Equals(snapshot.Self)).Member?.Status;

    private ClusterView BuildView(ClusterSnapshot snapshot)
    {
        var members = new Dictionary<string, Member>(StringComparer.Ordinal);
        foreach (var (akkaMember, reachable) in snapshot.Members)
        {
            var isSelf = akkaMember.UniqueAddress.Equals(snapshot.Self);
            var key = ClusterSnapshot.MemberKey(akkaMember.Address);
            var status = ToStatus(akkaMember.Status);
            if (isSelf && status == MemberStatus.Down && !_operatorDowned)
            {
                // Downed by the split-brain resolver: this node rejoins as a new incarnation instead of exiting.
                status = MemberStatus.Joining;
            }

            var member = isSelf
                ? Self with { Status = status, Reachable = true }
                : snapshot.Infos?.TryGetValue(key, out var info) == true
                    ? new Member(info.NodeId, info.AdminUrl, info.Roles, info.Version, info.StartedAt, status, reachable)
                    : new Member(key, "", [.. akkaMember.Roles], "", DateTimeOffset.MinValue, status, reachable);
            if (!members.TryGetValue(member.Id, out var other) || Rank(member) > Rank(other))
            {
                // An id seen twice is an old incarnation and a new one of the same node: show the live one.
                members[member.Id] = member;
            }
        }

        if (!members.ContainsKey(Self.Id))
        {
            members[Self.Id] = Self with { Status = _operatorDowned ? MemberStatus.Down : MemberStatus.Joining };
        }

        var previous = View;
        var rules = snapshot.Rules is null
            ? previous.Rules
            : snapshot.Rules.Entries
                .Where(entry => entry.Value.Json is not null)
                .ToDictionary(entry => entry.Key, entry => new StoredRule(entry.Key, entry.Value.Json!, entry.Value.Revision), StringComparer.Ordinal);
        var upstreams = snapshot.Upstreams is null
            ? previous.UpstreamStates
            : snapshot.Upstreams.Entries.Values.Where(entry => entry.State != UpstreamAdminState.Enabled).Select(entry => new UpstreamAdminEntry(entry.Rule, entry.Address, entry.State)).ToList();
        var counted = members.Values
            .Where(member => member.Reachable && member.Status is not (MemberStatus.Down or MemberStatus.Removed))
            .Select(member => member.Id)
            .ToHashSet(StringComparer.Ordinal);
        var stats = snapshot.Stats?.Entries
            .Where(entry => counted.Contains(entry.Key))
            .ToDictionary(entry => entry.Key, entry => entry.Value.Stats, StringComparer.Ordinal)
            ?? new Dictionary<string, NodeStats>(StringComparer.Ordinal);
        var connected = SelfStatus(snapshot) is AkkaMemberStatus.Up or AkkaMemberStatus.Leaving or AkkaMemberStatus.WeaklyUp
            && (snapshot.Rules is not null || _seeded);
        return new ClusterView(connected, members.Values.OrderBy(member => member.Id, StringComparer.Ordinal).ToList(), rules, upstreams, stats);
    }

    private static int Rank(Member member) => (member.Reachable ? 10 : 0) + member.Status switch
    {
        MemberStatus.Up => 6,
        MemberStatus.Joining => 5,
        MemberStatus.Leaving => 4,
        MemberStatus.Exiting => 3,
        MemberStatus.Down => 2,
        _ => 1,
    };

    private static MemberStatus ToStatus(AkkaMemberStatus status) => status switch
    {
        AkkaMemberStatus.Joining or AkkaMemberStatus.WeaklyUp => MemberStatus.Joining,
        AkkaMemberStatus.Up => MemberStatus.Up,
        AkkaMemberStatus.Leaving => MemberStatus.Leaving,
        AkkaMemberStatus.Exiting => MemberStatus.Exiting,
        AkkaMemberStatus.Down => MemberStatus.Down,
        _ => MemberStatus.Removed,
    };
}
