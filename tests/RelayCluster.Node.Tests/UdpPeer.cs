using System.Net;
using System.Net.Sockets;

namespace RelayCluster.Node.Tests;

/// <summary>A test client: one UDP socket on 127.0.0.x (or ::1) with its own port, talking to one relay address.</summary>
internal sealed class UdpPeer : IDisposable
{
    private readonly Socket _socket;
    private readonly IPEndPoint _target;

    public UdpPeer(IPEndPoint target, IPAddress? local = null)
    {
        _target = target;
        _socket = new Socket((local ?? IPAddress.Loopback).AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(local ?? IPAddress.Loopback, 0));
        _socket.ReceiveBufferSize = 1 << 20;
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public void Send(ReadOnlySpan<byte> datagram) => _socket.SendTo(datagram, SocketFlags.None, _target);

    /// <summary>The next datagram, or null when none arrives within <paramref name="timeout"/>.</summary>
    public async Task<byte[]?> ReceiveAsync(TimeSpan timeout)
    {
        var buffer = new byte[65_536];
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            var length = await _socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
            return buffer[..length];
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Sends <paramref name="datagram"/> and returns the first reply, or null after <paramref name="timeout"/>.</summary>
    public async Task<byte[]?> RoundTripAsync(byte[] datagram, TimeSpan timeout)
    {
        Send(datagram);
        return await ReceiveAsync(timeout);
    }

    public void Dispose() => _socket.Dispose();
}
