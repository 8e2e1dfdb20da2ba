using System.Threading.Channels;
using RelayCluster.Etcd.Watching;

namespace RelayCluster.Etcd.Tests.Watching;

/// <summary>Consumes a watch in the background so a test can wait for its batches with a deadline.</summary>
internal sealed class WatchRecorder : IAsyncDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    private readonly Channel<EtcdWatchBatch> _batches = Channel.CreateUnbounded<EtcdWatchBatch>();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    private WatchRecorder(EtcdClient client, string prefix, long fromRevision)
    {
        _loop = Task.Run(async () =>
        {
            await foreach (var batch in client.WatchAsync(prefix, fromRevision, _stopping.Token))
            {
                await _batches.Writer.WriteAsync(batch);
            }
        });
    }

    public static WatchRecorder Start(EtcdClient client, string prefix, long fromRevision = 0) => new(client, prefix, fromRevision);

    public async Task<EtcdWatchBatch> NextBatchAsync()
    {
        using var timeout = new CancellationTokenSource(s_timeout);
        try
        {
            return await _batches.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"No watch batch within {s_timeout}; the watch loop is {_loop.Status} {_loop.Exception?.GetBaseException().Message}");
            throw;
        }
    }

    /// <summary>Reads batches until exactly <paramref name="count"/> events arrived (failing on more in the last batch).</summary>
    public async Task<List<EtcdWatchEvent>> NextEventsAsync(int count)
    {
        var events = new List<EtcdWatchEvent>();
        while (events.Count < count)
        {
            var batch = await NextBatchAsync();
            Assert.False(batch.Compacted, "unexpected compacted batch");
            events.AddRange(batch.Events);
        }

        Assert.Equal(count, events.Count);
        return events;
    }

    /// <summary>Whether a batch is waiting right now.</summary>
    public bool HasPending => _batches.Reader.TryPeek(out _);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
    }
}
