using System.Net;

namespace RelayCluster.Node.Tests.Cluster;

/// <summary>
/// Steady UDP traffic for outage tests: each peer sends one numbered datagram every 10 ms to its relay address and
/// counts the echoes, until stopped. Lost = sent minus echoed once the last echoes had time to arrive.
/// </summary>
internal sealed class UdpLoad : IAsyncDisposable
{
    private readonly List<UdpPeer> _peers;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _loops;
    private long _sent;
    private long _received;

    public UdpLoad(IEnumerable<IPEndPoint> targets)
    {
        _peers = targets.Select(target => new UdpPeer(target)).ToList();
        _loops = _peers.SelectMany(peer => new[] { Task.Run(() => SendAsync(peer)), Task.Run(() => ReceiveAsync(peer)) }).ToArray();
    }

    public long Sent => Interlocked.Read(ref _sent);

    public long Received => Interlocked.Read(ref _received);

    /// <summary>Sent and received so far, once in-flight echoes have arrived (up to a second).</summary>
    public async Task<(long Sent, long Received)> SettleAsync()
    {
        var sent = Sent;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(1);
        while (Received < sent && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        return (sent, Received);
    }

    private async Task SendAsync(UdpPeer peer)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                peer.Send([1, 2, 3, 4]);
                Interlocked.Increment(ref _sent);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ReceiveAsync(UdpPeer peer)
    {
        while (!_stop.IsCancellationRequested)
        {
            if (await peer.ReceiveAsync(TimeSpan.FromMilliseconds(200)) is not null)
            {
                Interlocked.Increment(ref _received);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _peers.ForEach(peer => peer.Dispose());
        _stop.Dispose();
    }
}
