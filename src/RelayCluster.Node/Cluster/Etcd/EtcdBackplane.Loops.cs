using RelayCluster.Etcd;
using RelayCluster.Etcd.Watching;

namespace RelayCluster.Node.Cluster.Etcd;

public sealed partial class EtcdBackplane
{
    private async Task WatchLoopAsync(long fromRevision, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var batch in _client.WatchAsync(_keys.Root, fromRevision, cancellationToken))
            {
                if (batch.Compacted)
                {
                    var read = await RetryAsync(token => _client.RangeAsync(_keys.Root, prefix: true, token), cancellationToken);
                    lock (_lock)
                    {
                        _state.Load(read.Kvs);
                        PublishLocked();
                    }

                    continue;
                }

                Apply(batch);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void Apply(EtcdWatchBatch batch)
    {
        var selfLost = false;
        lock (_lock)
        {
            var revision = 0L;
            foreach (var change in batch.Events)
            {
                // One view per revision: a batch that carries a member's leaving and exiting shows both.
                if (revision != 0 && change.Kv.ModRevision != revision)
                {
                    PublishLocked();
                }

                revision = change.Kv.ModRevision;
                if (change.Type == EtcdWatchEventType.Put)
                {
                    _state.Put(change.Kv);
                }
                else
                {
                    _state.Delete(change.Kv.Key);
                    selfLost |= change.Kv.Key == _keys.Member(Self.Id) && !_leaving;
                }
            }

            // Whatever arrives through the watch proves etcd is reachable again.
            _connected = true;
            PublishLocked();
        }

        if (selfLost)
        {
            Log.RegistrationLost(_logger);
        }
    }

    /// <summary>
    /// Renews the lease every heartbeat. A lapsed lease (etcd was away longer than the failure timeout) is replaced and
    /// the node registers again with its stats; lost members are expired on the same beat.
    /// </summary>
    private async Task HeartbeatLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_config.HeartbeatInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var renewed = await _client.LeaseKeepAliveAsync(_lease, cancellationToken);
                Observe(renewed.Error);
                if (!renewed.IsSuccess && renewed.Error.Kind == EtcdErrorKind.LeaseNotFound && !_leaving)
                {
                    await RegisterAgainAsync(cancellationToken);
                }
                else if (renewed.IsSuccess && !_leaving && View.Members.FirstOrDefault(member => member.Id == Self.Id) is var seen
                    && (seen is null || (seen.Status != Self.Status && seen.Status != MemberStatus.Down)))
                {
                    // The member key is missing or behind this node's status (a write that failed while etcd was busy): write it again.
                    await PutSelfAsync(cancellationToken);
                }

                lock (_lock)
                {
                    if (_state.ExpireLost(Environment.TickCount64, (long)_config.FailureTimeout.TotalMilliseconds))
                    {
                        PublishLocked();
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task RegisterAgainAsync(CancellationToken cancellationToken)
    {
        var granted = await _client.LeaseGrantAsync(_config.FailureTimeout, cancellationToken);
        Observe(granted.Error);
        if (!granted.IsSuccess)
        {
            return;
        }

        _lease = granted.Value.Id;
        await PutSelfAsync(cancellationToken);
        Log.Registered(_logger, _lease);
    }

    private async Task PutSelfAsync(CancellationToken cancellationToken)
    {
        var put = await _client.PutAsync(_keys.Member(Self.Id), EtcdJson.Write(MemberRecord.From(Self, _lease)), _lease, cancellationToken);
        Observe(put.Error);
    }
}
