using System.Net;
using System.Net.Sockets;

namespace RelayCluster.Benchmarks;

/// <summary>An allocation-free UDP echo on 127.0.0.1 for measuring the relay alone.</summary>
internal sealed class LoopbackUdpEcho : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly Thread _thread;

    public LoopbackUdpEcho()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _thread = new Thread(Run) { IsBackground = true, Name = "udp-echo" };
        _thread.Start();
    }

    public IPEndPoint EndPoint { get; }

    private void Run()
    {
        var buffer = new byte[65_536];
        var from = new SocketAddress(AddressFamily.InterNetwork);
        try
        {
            while (true)
            {
                var length = _socket.ReceiveFrom(buffer, SocketFlags.None, from);
                _socket.SendTo(buffer.AsSpan(0, length), SocketFlags.None, from);
            }
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose() => _socket.Dispose();
}
