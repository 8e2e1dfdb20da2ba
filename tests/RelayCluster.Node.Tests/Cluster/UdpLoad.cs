using System.Buffers.Binary;
using System.Net;

namespace RelayCluster.Node.Tests.Cluster;

/// <summary>
/// Steady UDP traffic for outage tests: each peer sends one numbered datagram every 10 ms to its relay address and
/// marks each echo by its number, until stopped. Lost = numbers sent and never echoed once in-flight echoes had time
/// to arrive, so an echo of a later datagram never hides an earlier loss.
/// </summary>
internal sealed class UdpLoad : IAsyncDisposable
{
    // 1,200 datagrams a second for 12 peers: room for over 14 minutes of load.
    private const int Capacity = 1 << 20;

    private readonly List<UdpPeer> _peers;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _loops;
    private readonly int[] _echoed = new int[Capacity];
    private long _sent;

    public UdpLoad(IEnumerable<IPEndPoint> targets)
    {
        _peers = targets.Select(target => new UdpPeer(target)).ToList();
        _loops = _peers.SelectMany(peer => new[] { Task.Run(() => SendAsync(peer)), Task.Run(() => ReceiveAsync(peer)) }).ToArray();
    }

    /// <summary>Datagrams sent so far, and how many of them were not echoed, once in-flight echoes have arrived (up to a second).</summary>
    public async Task<(long Sent, long Lost)> SettleAsync()
    {
        var sent = (int)Math.Min(Interlocked.Read(ref _sent), Capacity);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(1);
        var echoed = EchoedBelow(sent);
        while (echoed < sent && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
            echoed = EchoedBelow(sent);
        }

        return (sent, sent - echoed);
    }

    private int EchoedBelow(int sent)
    {
        var echoed = 0;
        for (var number = 0; number < sent; number++)
        {
            echoed += Volatile.Read(ref _echoed[number]);
        }

        return echoed;
    }

    private async Task SendAsync(UdpPeer peer)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        var datagram = new byte[sizeof(int)];
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var number = Interlocked.Increment(ref _sent) - 1;
                if (number >= Capacity)
                {
                    return;
                }

                BinaryPrimitives.WriteInt32LittleEndian(datagram, (int)number);
                peer.Send(datagram);
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
            if (await peer.ReceiveAsync(TimeSpan.FromMilliseconds(200)) is { Length: sizeof(int) } echo
                && BinaryPrimitives.ReadInt32LittleEndian(echo) is >= 0 and < Capacity and var number)
            {
                Volatile.Write(ref _echoed[number], 1);
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
