using System.Net;
using System.Net.Sockets;

namespace RelayCluster.Node.Tests.Admission;

/// <summary>
/// A UDP echo on 127.0.0.1 with its own thread and blocking receives, so its answers do not wait for a thread-pool
/// thread: under a flood the pool is busy, and a latency measured through an async echo would be the pool's.
/// </summary>
internal sealed class BlockingUdpEcho : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly Thread _thread;

    public BlockingUdpEcho()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _thread = new Thread(Run) { IsBackground = true, Name = "blocking-udp-echo" };
        _thread.Start();
    }

    public IPEndPoint EndPoint { get; }

    public void Dispose()
    {
        _socket.Dispose();
        _thread.Join();
    }

    private void Run()
    {
        var buffer = new byte[65_536];
        var peer = new SocketAddress(AddressFamily.InterNetwork);
        while (true)
        {
            try
            {
                var length = _socket.ReceiveFrom(buffer, SocketFlags.None, peer);
                _socket.SendTo(buffer.AsSpan(0, length), SocketFlags.None, peer);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
            {
                // An ICMP error for an earlier reply to a source that is gone.
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }
}
