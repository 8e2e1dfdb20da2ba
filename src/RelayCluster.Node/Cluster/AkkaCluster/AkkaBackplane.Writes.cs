using Akka.Actor;
using Akka.DistributedData;
using RelayCluster.Core.Upstreams;

namespace RelayCluster.Node.Cluster.AkkaCluster;

public sealed partial class AkkaBackplane
{
    private static readonly TimeSpan s_writeTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan s_noticeTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan s_ruleTimeout = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    /// <remarks>Akka walks joining and up by itself; leaving starts Akka's leave, so the others see leaving, exiting and removed.</remarks>
    public Task SetStatusAsync(MemberStatus status, CancellationToken cancellationToken)
    {
        _self = Self with { Status = status };
        if (status is MemberStatus.Leaving && !_leaving)
        {
            _leaving = true;
            if (Incarnation is { } incarnation)
            {
                incarnation.Cluster.Leave(incarnation.Cluster.SelfAddress);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<bool> DownAsync(string id, CancellationToken cancellationToken)
    {
        var incarnation = Current();
        ClusterSnapshot? snapshot;
        lock (_lock)
        {
            snapshot = _snapshot;
        }

        var target = snapshot?.Members
            .Select(entry => entry.Member)
            .Where(member => member.UniqueAddress.Equals(snapshot.Self)
                ? id == Self.Id
                : snapshot.Infos?.TryGetValue(ClusterSnapshot.MemberKey(member.Address), out var info) == true ? info.NodeId == id : ClusterSnapshot.MemberKey(member.Address) == id)
            .OrderByDescending(member => member.Status == Akka.Cluster.MemberStatus.Up)
            .FirstOrDefault();
        if (target is null)
        {
            return false;
        }

        // The target learns that an operator downed it (and exits) before Akka downs it (which alone means: rejoin):
        // told directly, and kept as a marker for the record.
        var marker = ClusterSnapshot.IncarnationKey(target.UniqueAddress);
        await UpdateAsync(incarnation, ClusterKeys.Downs, all => all.SetItem(incarnation.Cluster, marker, new OperatorDown(DateTimeOffset.UtcNow)), cancellationToken);
        await NoticeAsync(incarnation, target, marker, cancellationToken);
        incarnation.Cluster.Down(target.Address);
        return true;
    }

    /// <inheritdoc />
    public Task<RuleWriteResult> PutRuleAsync(string name, string json, long? expectedRevision, CancellationToken cancellationToken) =>
        AskWriterAsync(new PutRule(name, json, expectedRevision), cancellationToken);

    /// <inheritdoc />
    public Task<RuleWriteResult> DeleteRuleAsync(string name, long? expectedRevision, CancellationToken cancellationToken) =>
        AskWriterAsync(new DeleteRule(name, expectedRevision), cancellationToken);

    /// <inheritdoc />
    public async Task SetUpstreamStateAsync(string rule, string address, UpstreamAdminState state, CancellationToken cancellationToken)
    {
        var incarnation = Current();
        var key = ClusterKeys.UpstreamKey(rule, address);
        await UpdateAsync(incarnation, ClusterKeys.Upstreams, all => all.SetItem(incarnation.Cluster, key, new UpstreamEntry(rule, address, state)), cancellationToken);
    }

    /// <inheritdoc />
    public Task PublishStatsAsync(NodeStats stats, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stats);
        if (Incarnation is { } incarnation)
        {
            incarnation.Replicator.Tell(Dsl.Update(
                ClusterKeys.Stats, LWWDictionary<string, StatsEntry>.Empty, WriteLocal.Instance, all => all.SetItem(incarnation.Cluster, stats.Node, new StatsEntry(stats))));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    /// <remarks>Runs Akka's coordinated shutdown for a leave, which waits until the others saw this node removed.</remarks>
    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        _leaving = true;
        if (Incarnation is { } incarnation)
        {
            await CoordinatedShutdown.Get(incarnation.System)
                .Run(CoordinatedShutdown.ClusterLeavingReason.Instance)
                .WaitAsync(TimeSpan.FromSeconds(15), cancellationToken);
        }
    }

    private static async Task NoticeAsync(ClusterIncarnation incarnation, Akka.Cluster.Member target, string marker, CancellationToken cancellationToken)
    {
        var state = incarnation.System.ActorSelection(new RootActorPath(target.Address) / "user" / ClusterStateActor.Name);
        try
        {
            await state.Ask<OperatorDownNotice>(new OperatorDownNotice(marker), s_noticeTimeout, cancellationToken);
        }
        catch (AskTimeoutException)
        {
            // An unreachable target cannot hear it; Akka downs it all the same, and it rejoins once it can.
        }
    }

    private ClusterIncarnation Current() =>
        Incarnation ?? throw new BackplaneUnavailableException("the node is between two cluster incarnations; try again in a moment");

    private async Task<RuleWriteResult> AskWriterAsync(object request, CancellationToken cancellationToken)
    {
        if (Incarnation is not { } incarnation)
        {
            return new RuleWriteResult(RuleWriteOutcome.Unavailable, 0, "the node is not in the cluster now");
        }

        try
        {
            var reply = await incarnation.RuleWriter.Ask<RuleWriteReply>(request, s_ruleTimeout, cancellationToken);
            return reply.ToResult();
        }
        catch (AskTimeoutException)
        {
            return new RuleWriteResult(RuleWriteOutcome.Unavailable, 0, $"the rule writer did not answer within {s_ruleTimeout.TotalSeconds:0} s");
        }
    }

    /// <summary>Writes to every member; a timeout is fine (the local copy has it, gossip spreads it), a failure throws.</summary>
    private static async Task UpdateAsync<TValue>(
        ClusterIncarnation incarnation,
        LWWDictionaryKey<string, TValue> key,
        Func<LWWDictionary<string, TValue>, LWWDictionary<string, TValue>> modify,
        CancellationToken cancellationToken)
    {
        IUpdateResponse response;
        try
        {
            response = await incarnation.Replicator.Ask<IUpdateResponse>(
                Dsl.Update(key, LWWDictionary<string, TValue>.Empty, new WriteAll(s_writeTimeout), modify), s_writeTimeout + TimeSpan.FromSeconds(1), cancellationToken);
        }
        catch (AskTimeoutException e)
        {
            throw new BackplaneUnavailableException($"{key.Id} not written: {e.Message}", e);
        }

        if (response is not (UpdateSuccess or UpdateTimeout))
        {
            throw new BackplaneUnavailableException($"{key.Id} not written: {response}");
        }
    }
}
