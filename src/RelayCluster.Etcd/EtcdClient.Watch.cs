using System.Runtime.CompilerServices;
using RelayCluster.Etcd.Internal;
using RelayCluster.Etcd.Watching;

namespace RelayCluster.Etcd;

public sealed partial class EtcdClient
{
    /// <summary>
    /// Watches every key starting with <paramref name="prefix"/> from <paramref name="fromRevision"/> on (0: from now),
    /// forever. When the stream breaks it reconnects (to any endpoint, with growing pauses up to 1 s) and resumes after
    /// the last revision it delivered, so no change is lost or repeated. When etcd has compacted revisions the watch
    /// still needed, it yields a batch with <see cref="EtcdWatchBatch.Compacted"/> set: read the prefix again, then
    /// keep consuming; the watch goes on after <see cref="EtcdWatchBatch.Revision"/>. Ends only by cancellation
    /// (or disposing the client), with <see cref="OperationCanceledException"/>.
    /// </summary>
    public async IAsyncEnumerable<EtcdWatchBatch> WatchAsync(
        string prefix,
        long fromRevision = 0,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
        var token = watching.Token;
        var (key, rangeEnd) = KeyRange.For(prefix, prefix: true);
        var backoff = new Backoff();
        var next = fromRevision;
        while (true)
        {
            token.ThrowIfCancellationRequested();
            if (next <= 0)
            {
                next = await CurrentRevisionAsync(key, rangeEnd, backoff, token) + 1;
            }

            var request = new WatchRequest { CreateRequest = new WatchCreateRequest { Key = key, RangeEnd = rangeEnd, StartRevision = next, PrevKv = true } };
            var opened = await _transport.OpenStreamAsync("/v3/watch", request, EtcdJsonContext.Default.WatchRequest, token);
            if (!opened.IsSuccess)
            {
                await backoff.WaitAsync(token);
                continue;
            }

            using var stream = opened.Value;
            backoff.Reset();
            while (await stream.ReadAsync(EtcdJsonContext.Default.WatchStreamMessage, token) is { Result: { Header: not null } response })
            {
                if (response.Canceled)
                {
                    if (response.CompactRevision > 0)
                    {
                        // Fix the revision to go on from before yielding: the caller re-reads while this iterator is
                        // suspended, so its read is at least this new, and nothing after it can slip through.
                        var current = await CurrentRevisionAsync(key, rangeEnd, backoff, token);
                        next = current + 1;
                        yield return new EtcdWatchBatch(current, [], Compacted: true, CompactRevision: response.CompactRevision);
                    }

                    break;
                }

                var events = ToEvents(response.Events);
                if (events.Count > 0)
                {
                    next = events[^1].Kv.ModRevision + 1;
                    yield return new EtcdWatchBatch(response.Revision(), events);
                }
            }

            await backoff.WaitAsync(token);
        }
    }

    private static List<EtcdWatchEvent> ToEvents(List<EventMessage>? messages)
    {
        var events = new List<EtcdWatchEvent>(messages?.Count ?? 0);
        foreach (var message in messages ?? [])
        {
            if (Mapping.ToEvent(message) is { } watchEvent)
            {
                events.Add(watchEvent);
            }
        }

        return events;
    }

    /// <summary>The store revision now, asked until some endpoint answers.</summary>
    private async Task<long> CurrentRevisionAsync(byte[] key, byte[]? rangeEnd, Backoff backoff, CancellationToken cancellationToken)
    {
        var request = new RangeRequest { Key = key, RangeEnd = rangeEnd, CountOnly = true };
        while (true)
        {
            var result = await _transport.PostAsync("/v3/kv/range", request, EtcdJsonContext.Default.RangeRequest, EtcdJsonContext.Default.RangeResponse, cancellationToken);
            if (result.IsSuccess)
            {
                return result.Value.Revision();
            }

            await backoff.WaitAsync(cancellationToken);
        }
    }
}
