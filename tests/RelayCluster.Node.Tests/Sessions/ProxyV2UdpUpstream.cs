using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace RelayCluster.Node.Tests.Sessions;

/// <summary>
/// A UDP upstream that expects a PROXY v2 header in front of every datagram, as a game server behind the relay would:
/// it decodes and keeps each header, and echoes the payload after it, with no header, to whoever sent the datagram.
/// </summary>
internal sealed class ProxyV2UdpUpstream : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly Task _loop;

    private ProxyV2UdpUpstream(IPAddress address)
    {
        _socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(address, 0));
        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _loop = Task.Run(ReceiveAsync);
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>Every datagram received, in order: its decoded header, or why it had none.</summary>
    public ConcurrentQueue<(ProxyV2Frame? Header, string? Error, byte[] Payload)> Received { get; } = new();

    public static ProxyV2UdpUpstream Start(IPAddress address) => new(address);

    public async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        await _loop;
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[65_536];
        EndPoint any = new IPEndPoint(EndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (true)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            var datagram = buffer.AsSpan(0, received.ReceivedBytes);
            try
            {
                var header = ProxyV2Frame.Decode(datagram);
                var payload = datagram[header.Length..].ToArray();
                Received.Enqueue((header, null, payload));
                _socket.SendTo(payload, SocketFlags.None, received.RemoteEndPoint);
            }
            catch (InvalidDataException e)
            {
                Received.Enqueue((null, e.Message, datagram.ToArray()));
            }
        }
    }
}
