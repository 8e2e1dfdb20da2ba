using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace RelayCluster.Testing.Upstreams;

/// <summary>
/// A UDP echo upstream on 127.0.0.1 with a free port: replies with each datagram it receives (after an optional
/// prefix that tells upstreams apart), counts datagrams and the peers they came from, and can stop replying
/// (a dead game server whose port is still open).
/// </summary>
public sealed class UdpEchoUpstream : IAsyncDisposable
{
    private const int MaxPrefix = 1024;

    private readonly Socket _socket;
    private readonly Task _loop;
    private readonly ConcurrentDictionary<IPEndPoint, byte> _peers = new();
    private long _received;
    private volatile bool _replying = true;
    private volatile byte[] _replyPrefix = [];

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

    /// <summary>The distinct addresses datagrams came from: one per relay session when a relay is in front.</summary>
    public IReadOnlyCollection<IPEndPoint> Peers => [.. _peers.Keys];

    /// <summary>Whether received datagrams are echoed back.</summary>
    public bool Replying
    {
        get => _replying;
        set => _replying = value;
    }

    /// <summary>Bytes put before every reply, e.g. a name, so a test can tell which upstream answered.</summary>
    public ReadOnlyMemory<byte> ReplyPrefix
    {
        get => _replyPrefix;
        set => _replyPrefix = value.Length <= MaxPrefix
            ? value.ToArray()
            : throw new ArgumentOutOfRangeException(nameof(value), $"A reply prefix is at most {MaxPrefix} bytes.");
    }

    /// <summary>Starts an echo upstream on <paramref name="address"/> (127.0.0.1 by default) and a free port.</summary>
    public static UdpEchoUpstream Start(IPAddress? address = null) => new(address ?? IPAddress.Loopback);

    /// <summary>Waits until at least <paramref name="count"/> datagrams have arrived, or throws at the deadline.</summary>
    public async Task WaitForDatagramsAsync(long count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DatagramsReceived < count)
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"The UDP echo upstream at {EndPoint} received {DatagramsReceived} datagrams, not {count}, within {timeout}.");
            }

            await Task.Delay(5).ConfigureAwait(false);
        }
    }

    /// <summary>Closes the socket and waits for the echo loop to end.</summary>
    public async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        await _loop.ConfigureAwait(false);
    }

    private async Task EchoAsync()
    {
        // The datagram lands after room for the prefix, so a prefix set at any time goes in front without a copy.
        var buffer = new byte[MaxPrefix + 65_536];
        EndPoint anyPeer = new IPEndPoint(EndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (true)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer.AsMemory(MaxPrefix), SocketFlags.None, anyPeer).ConfigureAwait(false);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
            {
                continue;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            var peer = (IPEndPoint)received.RemoteEndPoint;
            _peers.TryAdd(peer, 0);
            Interlocked.Increment(ref _received);
            if (!_replying)
            {
                continue;
            }

            var prefix = _replyPrefix;
            prefix.CopyTo(buffer, MaxPrefix - prefix.Length);
            try
            {
                _socket.SendTo(buffer.AsSpan(MaxPrefix - prefix.Length, prefix.Length + received.ReceivedBytes), SocketFlags.None, peer);
            }
            catch (SocketException)
            {
                // The peer went away, or the prefix made the reply too large; an echo does not care.
            }
            catch (ObjectDisposedException)
            {
                // Disposed between the receive and the reply.
                return;
            }
        }
    }
}
