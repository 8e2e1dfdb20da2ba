using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace RelayCluster.Node.Health.Internal;

/// <summary>
/// A udp socket connected to one upstream for one probe: the kernel drops datagrams from anyone else, and a fresh
/// port means no late reply to an earlier probe can be mistaken for this one's.
/// </summary>
internal sealed class ProbeSocket : IDisposable
{
    private const int MaxDatagram = 65_536;

    private readonly Socket _socket;
    private readonly byte[] _buffer = ArrayPool<byte>.Shared.Rent(MaxDatagram);

    public ProbeSocket(IPEndPoint upstream)
    {
        _socket = new Socket(upstream.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            // Connecting a udp socket only sets its peer; it also makes ICMP port unreachable surface as ConnectionRefused.
            _socket.Connect(upstream);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Sends one datagram to the upstream.</summary>
    public async ValueTask SendAsync(ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken) =>
        await _socket.SendAsync(datagram, SocketFlags.None, cancellationToken);

    /// <summary>Waits for the next datagram from the upstream; the bytes are valid until the next receive.</summary>
    public async ValueTask<ReadOnlyMemory<byte>> ReceiveAsync(CancellationToken cancellationToken)
    {
        var length = await _socket.ReceiveAsync(_buffer, SocketFlags.None, cancellationToken);
        return _buffer.AsMemory(0, length);
    }

    public void Dispose()
    {
        _socket.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
    }
}
