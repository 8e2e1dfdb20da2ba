using System.Net;
using System.Net.Sockets;

namespace RelayCluster.Testing.Upstreams;

/// <summary>
/// A UDP echo upstream on 127.0.0.1 with a free port: replies with each datagram it receives, counts them, and can
/// stop replying (a dead game server whose port is still open).
/// </summary>
public sealed class UdpEchoUpstream : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly Task _loop;
    private long _received;
    private volatile bool _replying = true;

    private UdpEchoUpstream(IPAddress address)
    {
        _socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(address, 0));
        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _loop = Task.Run(EchoAsync);
    }

    /// <summary>Where the upstream listens.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Datagrams received so far.</summary>
    public long DatagramsReceived => Interlocked.Read(ref _received);

    /// <summary>Whether received datagrams are echoed back.</summary>
    public bool Replying
    {
        get => _replying;
        set => _replying = value;
    }

    /// <summary>Starts an echo upstream on <paramref name="address"/> (127.0.0.1 by default) and a free port.</summary>
    public static UdpEchoUpstream Start(IPAddress? address = null) => new(address ?? IPAddress.Loopback);

    private async Task EchoAsync()
    {
        var buffer = new byte[65_536];
        var from = new SocketAddress(_socket.AddressFamily);
        while (true)
        {
            int length;
            try
            {
                length = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, from);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
            {
                continue;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _received);
            if (_replying)
            {
                try
                {
                    _socket.SendTo(buffer.AsSpan(0, length), SocketFlags.None, from);
                }
                catch (SocketException)
                {
                    // The peer went away; an echo does not care.
                }
            }
        }
    }

    /// <summary>Closes the socket and waits for the echo loop to end.</summary>
    public async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        await _loop.ConfigureAwait(false);
    }
}
