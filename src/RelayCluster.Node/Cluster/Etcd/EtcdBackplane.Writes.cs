using RelayCluster.Core.Upstreams;
using RelayCluster.Etcd;
using RelayCluster.Etcd.Kv;

namespace RelayCluster.Node.Cluster.Etcd;

public sealed partial class EtcdBackplane
{
    private static readonly TimeSpan s_statusTimeout = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public async Task SetStatusAsync(MemberStatus status, CancellationToken cancellationToken)
    {
        _self = Self with { Status = status };
        _leaving |= status is MemberStatus.Leaving or MemberStatus.Exiting or MemberStatus.Removed;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(s_statusTimeout);
        try
        {
            await RetryAsync(token => _client.PutAsync(_keys.Member(Self.Id), EtcdJson.Write(MemberRecord.From(Self, _lease)), _lease, token), deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The heartbeat writes the status again once etcd answers.
            throw new BackplaneUnavailableException($"status {status} not written within {s_statusTimeout.TotalSeconds:0} s");
        }
    }

    /// <inheritdoc />
    public async Task<bool> DownAsync(string id, CancellationToken cancellationToken)
    {
        var read = await _client.RangeAsync(_keys.Member(id), cancellationToken: cancellationToken);
        Observe(read.Error);
        ThrowIfFailed(read.Error);
        if (read.Value.Kvs.Count == 0 || EtcdJson.Read<MemberRecord>(read.Value.Kvs[0].ValueString) is not { } member)
        {
            return false;
        }

        // Written on the member's own lease, so the key still goes when that node exits or dies.
        var downed = member with { Status = MemberStatus.Down };
        var put = await _client.PutIfModRevisionAsync(_keys.Member(id), EtcdJson.Write(downed), read.Value.Kvs[0].ModRevision, member.Lease, cancellationToken);
        Observe(put.Error);
        ThrowIfFailed(put.Error);
        return put.Value.Succeeded || await DownAsync(id, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<RuleWriteResult> PutRuleAsync(string name, string json, long? expectedRevision, CancellationToken cancellationToken)
    {
        if (expectedRevision is null)
        {
            var put = await _client.PutAsync(_keys.Rule(name), json, cancellationToken: cancellationToken);
            Observe(put.Error);
            return put.IsSuccess ? new RuleWriteResult(RuleWriteOutcome.Written, put.Value.Revision) : Unavailable(put.Error);
        }

        var swapped = await _client.PutIfModRevisionAsync(_keys.Rule(name), json, expectedRevision.Value, cancellationToken: cancellationToken);
        Observe(swapped.Error);
        if (!swapped.IsSuccess)
        {
            return Unavailable(swapped.Error);
        }

        return swapped.Value.Succeeded
            ? new RuleWriteResult(RuleWriteOutcome.Written, swapped.Value.Revision)
            : new RuleWriteResult(RuleWriteOutcome.Conflict, swapped.Value.Current?.ModRevision ?? 0);
    }

    /// <inheritdoc />
    public async Task<RuleWriteResult> DeleteRuleAsync(string name, long? expectedRevision, CancellationToken cancellationToken)
    {
        var read = await _client.RangeAsync(_keys.Rule(name), cancellationToken: cancellationToken);
        Observe(read.Error);
        if (!read.IsSuccess)
        {
            return Unavailable(read.Error);
        }

        if (read.Value.Kvs.Count == 0)
        {
            return new RuleWriteResult(RuleWriteOutcome.NotFound, 0);
        }

        var current = read.Value.Kvs[0].ModRevision;
        if (expectedRevision is { } expected && expected != current)
        {
            return new RuleWriteResult(RuleWriteOutcome.Conflict, current);
        }

        var deleted = await _client.TxnAsync(
            [EtcdCompare.ModRevision(_keys.Rule(name), EtcdCompareOperator.Equal, current)],
            [EtcdOperation.Delete(_keys.Rule(name)), EtcdOperation.Delete(_keys.UpstreamStatesOf(name), prefix: true)],
            [],
            cancellationToken);
        Observe(deleted.Error);
        if (!deleted.IsSuccess)
        {
            return Unavailable(deleted.Error);
        }

        return deleted.Value.Succeeded
            ? new RuleWriteResult(RuleWriteOutcome.Written, deleted.Value.Revision)
            : await DeleteRuleAsync(name, expectedRevision, cancellationToken);
    }

    /// <inheritdoc />
    public async Task SetUpstreamStateAsync(string rule, string address, UpstreamAdminState state, CancellationToken cancellationToken)
    {
        var key = _keys.UpstreamState(rule, address);
        var result = state == UpstreamAdminState.Enabled
            ? (await _client.DeleteAsync(key, cancellationToken: cancellationToken)).Error
            : (await _client.PutAsync(key, EtcdJson.Write(new UpstreamAdminEntry(rule, address, state)), cancellationToken: cancellationToken)).Error;
        Observe(result);
        ThrowIfFailed(result);
    }

    /// <inheritdoc />
    public async Task PublishStatsAsync(NodeStats stats, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var put = await _client.PutAsync(_keys.NodeStats(stats.Node), EtcdJson.Write(stats), _lease, cancellationToken);
        Observe(put.Error);
    }

    /// <inheritdoc />
    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        _leaving = true;
        await SetStatusAsync(MemberStatus.Removed, cancellationToken);
        var revoked = await _client.LeaseRevokeAsync(_lease, cancellationToken);
        Observe(revoked.Error);
        ThrowIfFailed(revoked.Error);
    }

    private static RuleWriteResult Unavailable(EtcdError? error) => new(RuleWriteOutcome.Unavailable, 0, error?.Message);

    private static void ThrowIfFailed(EtcdError? error)
    {
        if (error is not null)
        {
            throw new BackplaneUnavailableException(error.Message);
        }
    }
}
