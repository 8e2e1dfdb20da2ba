using System.Net;
using System.Net.Sockets;

namespace RelayCluster.Bench.Udp;

/// <summary>
/// A UDP echo upstream: each receive thread blocks on its own socket and sends every datagram back to its sender.
/// On Linux the sockets share the port through SO_REUSEPORT, so the kernel spreads flows across threads.
/// </summary>
internal sealed class UdpEcho : IDisposable
{
    private const int MaxDatagram = 65536;

    private readonly Socket[] _sockets;
    private readonly Thread[] _threads;
    private readonly long[] _echoed;
    private volatile bool _stopping;

    private UdpEcho(Socket[] sockets, int threads)
    {
        _sockets = sockets;
        _threads = new Thread[threads];
        // One cache line per thread so the counters do not share lines.
        _echoed = new long[threads * 8];
        LocalEndPoint = (IPEndPoint)sockets[0].LocalEndPoint!;
        for (var i = 0; i < threads; i++)
        {
            var index = i;
            _threads[i] = new Thread(() => Run(index)) { IsBackground = true, Name = $"udp-echo-{i}" };
        }
    }

    /// <summary>The address the echo is bound to, with the port the kernel chose when 0 was asked for.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>How many datagrams were sent back so far.</summary>
    public long Echoed
    {
        get
        {
            long total = 0;
            for (var i = 0; i < _threads.Length; i++)
            {
                total += Volatile.Read(ref _echoed[i * 8]);
            }

            return total;
        }
    }

    public static UdpEcho Start(IPEndPoint listen, int threads)
    {
        var reusePort = threads > 1 && UdpSockets.CanReusePort;
        var sockets = new Socket[reusePort ? threads : 1];
        try
        {
            sockets[0] = UdpSockets.Bind(listen, reusePort);
            var bound = (IPEndPoint)sockets[0].LocalEndPoint!;
            for (var i = 1; i < sockets.Length; i++)
            {
                sockets[i] = UdpSockets.Bind(bound, reusePort);
            }
        }
        catch
        {
            foreach (var socket in sockets)
            {
                socket?.Dispose();
            }

            throw;
        }

        var echo = new UdpEcho(sockets, threads);
        foreach (var thread in echo._threads)
        {
            thread.Start();
        }

        return echo;
    }

    public void Dispose()
    {
        _stopping = true;
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }

        foreach (var thread in _threads)
        {
            thread.Join(TimeSpan.FromSeconds(2));
        }
    }

    private void Run(int index)
    {
        var socket = _sockets[index % _sockets.Length];
        var buffer = GC.AllocateUninitializedArray<byte>(MaxDatagram, pinned: true);
        var sender = new SocketAddress(socket.AddressFamily);
        ref var echoed = ref _echoed[index * 8];
        while (!_stopping)
        {
            int received;
            try
            {
                received = socket.ReceiveFrom(buffer, SocketFlags.None, sender);
                socket.SendTo(buffer.AsSpan(0, received), SocketFlags.None, sender);
            }
            catch (SocketException) when (!_stopping)
            {
                // A full send buffer or an ICMP error for one peer must not stop the echo for the others.
                continue;
            }
            catch (Exception e) when (_stopping && e is SocketException or ObjectDisposedException)
            {
                return;
            }

            Volatile.Write(ref echoed, echoed + 1);
        }
    }
}
