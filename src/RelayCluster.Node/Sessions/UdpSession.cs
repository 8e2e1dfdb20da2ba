using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Akka.Actor;
using RelayCluster.Core.ProxyProtocol;
using RelayCluster.Core.Upstreams;
using RelayCluster.Node.Internal;

namespace RelayCluster.Node.Sessions;

/// <summary>
/// One UDP peer of a rule and the connected socket that carries its datagrams to and from its upstream.
/// Datagrams take the direct path (listener socket to upstream socket and back); the session actor owns the lifecycle.
/// </summary>
public sealed partial class UdpSession : IActorOwnedSession
{
    /// <summary>
    /// The bytes a receive buffer keeps free in front of each client datagram, enough for the longest PROXY v2 header,
    /// so the header is written in place and header and datagram leave in one send without a copy.
    /// </summary>
    internal const int HeaderRoom = ProxyV2Header.MaxLength;

    // Replies read from the upstream socket per worker wake-up, so one busy session cannot starve the others.
    private const int ReplyBudget = 64;

    private readonly IUdpSessionListener _listener;

    // The upstream socket's descriptor; with an epoll worker it is all there is (see ConnectBare), on the async
    // path it belongs to _upstreamSocket.
    private readonly SafeSocketHandle _upstream;
    private readonly Socket? _upstreamSocket;
    private readonly IUdpSessionWorker? _worker;
    private readonly int _maxDatagram;
    private readonly byte[] _proxyHeader;
    private long _lastActivity;
    private int _closed;

    internal UdpSession(
        IUdpSessionListener listener,
        SocketAddress clientAddress,
        IPEndPoint client,
        UpstreamState upstream,
        SafeSocketHandle upstreamHandle,
        Socket? upstreamSocket,
        int maxDatagram,
        byte[] proxyHeader,
        IUdpSessionWorker? worker)
    {
        Debug.Assert(worker is not null || upstreamSocket is not null, "The async path reads replies through a Socket.");
        Debug.Assert(proxyHeader.Length <= HeaderRoom, "A PROXY header must fit in the room kept in front of each datagram.");
        _proxyHeader = proxyHeader;
        _listener = listener;
        _worker = worker;
        ClientAddress = clientAddress;
        Client = client;
        Upstream = upstream;
        _upstream = upstreamHandle;
        _upstreamSocket = upstreamSocket;
        _maxDatagram = maxDatagram;
        StartedAt = DateTimeOffset.UtcNow;
        _lastActivity = Environment.TickCount64;
    }

    /// <summary>The receive and send buffer size of the relay's UDP sockets, its listen sockets' and its sessions' upstream sockets.</summary>
    internal const int SocketBufferBytes = 4 * 1024 * 1024;

    /// <summary>
    /// Opens the session of a new peer on <paramref name="upstream"/>: a UDP socket connected to it on an ephemeral local
    /// port, a bare descriptor when <paramref name="worker"/> reads it (see <see cref="ConnectBare"/>), a <see cref="Socket"/>
    /// on the async path. <paramref name="clientAddress"/> is copied, so the receive loop may reuse its own. Throws a
    /// <see cref="SocketException"/> when the socket cannot be made.
    /// </summary>
    internal static UdpSession Open(
        IUdpSessionListener listener,
        SocketAddress clientAddress,
        IPEndPoint client,
        UpstreamState upstream,
        int maxDatagram,
        byte[] proxyHeader,
        IUdpSessionWorker? worker)
    {
        if (worker is not null)
        {
            return new UdpSession(listener, Copy(clientAddress), client, upstream, ConnectBare(upstream.EndPoint), null, maxDatagram, proxyHeader, worker);
        }

        var socket = Connect(upstream.EndPoint);
        return new UdpSession(listener, Copy(clientAddress), client, upstream, socket.SafeHandle, socket, maxDatagram, proxyHeader, null);
    }

    /// <summary>Closes the sockets of a session that never started: another receive loop opened its peer's session first.</summary>
    internal void Discard()
    {
        Interlocked.Exchange(ref _closed, 1);
        ((IDisposable?)_upstreamSocket ?? _upstream).Dispose();
    }

    /// <summary>A UDP socket connected to <paramref name="upstream"/> on an ephemeral local port.</summary>
    private static Socket Connect(IPEndPoint upstream)
    {
        var socket = new Socket(upstream.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (upstream.AddressFamily == AddressFamily.InterNetworkV6)
            {
                socket.DualMode = true;
            }

            socket.ReceiveBufferSize = SocketBufferBytes;
            socket.SendBufferSize = SocketBufferBytes;
            socket.Connect(upstream);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A UDP socket connected to <paramref name="upstream"/> on an ephemeral local port, as a bare descriptor (Linux):
    /// an epoll worker's session only sends and receives on it directly, so it needs neither a <see cref="Socket"/> nor
    /// the async context a <see cref="Socket"/> creates when it connects (together about 300 bytes per session).
    /// </summary>
    private static unsafe SafeSocketHandle ConnectBare(IPEndPoint upstream)
    {
        var family = upstream.AddressFamily == AddressFamily.InterNetworkV6 ? LinuxSockets.AfInet6 : LinuxSockets.AfInet;
        var fd = LinuxSockets.Socket(family, LinuxSockets.SockDgram | LinuxSockets.SockCloexec, 0);
        if (fd < 0)
        {
            throw new SocketException(Marshal.GetLastPInvokeError());
        }

        var handle = new SafeSocketHandle(fd, ownsHandle: true);
        try
        {
            var size = SocketBufferBytes;
            var address = upstream.Serialize();
            fixed (byte* native = address.Buffer.Span)
            {
                if (LinuxSockets.SetOption(fd, LinuxSockets.SolSocket, LinuxSockets.SoRcvBuf, &size, sizeof(int)) != 0
                    || LinuxSockets.SetOption(fd, LinuxSockets.SolSocket, LinuxSockets.SoSndBuf, &size, sizeof(int)) != 0
                    || LinuxSockets.Connect(fd, native, (uint)address.Size) != 0)
                {
                    throw new SocketException(Marshal.GetLastPInvokeError());
                }
            }

            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>A copy of <paramref name="address"/>, the session's key, that the receive loop may keep after reusing its own.</summary>
    private static SocketAddress Copy(SocketAddress address)
    {
        var copy = new SocketAddress(address.Family, address.Size);
        address.Buffer.Span[..address.Size].CopyTo(copy.Buffer.Span);
        return copy;
    }

    /// <summary>The client's address in socket form; the key of the listener's session table.</summary>
    public SocketAddress ClientAddress { get; }

    /// <summary>The client's IP and port.</summary>
    public IPEndPoint Client { get; }

    /// <summary>The upstream this session was given when it started; it never moves silently.</summary>
    public UpstreamState Upstream { get; }

    UpstreamState? IRelaySession.Upstream => Upstream;

    /// <summary>When the session started.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Datagrams and bytes moved each way.</summary>
    public TrafficCounters Traffic { get; } = new();

    /// <summary>Why the session ended, once it has.</summary>
    public SessionCloseReason? CloseReason { get; private set; }

    /// <summary>Milliseconds (of <see cref="Environment.TickCount64"/>) when a datagram last moved either way.</summary>
    public long LastActivity => Volatile.Read(ref _lastActivity);

    /// <summary>The local port of the socket towards the upstream.</summary>
    public int UpstreamLocalPort => _upstreamSocket is null ? LinuxSockets.LocalPort(_upstream) : (_upstreamSocket.LocalEndPoint as IPEndPoint)?.Port ?? 0;

    /// <summary>True once the session has ended.</summary>
    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>The upstream socket's descriptor, for the epoll worker that reads it.</summary>
    internal int UpstreamFd => (int)_upstream.DangerousGetHandle();

    /// <summary>Whether the router already counted this session's silent upstream as a passive health failure.</summary>
    internal bool PassiveFailureReported { get; set; }

    /// <summary>The session's tag in its epoll worker.</summary>
    internal ulong WorkerTag { get; set; }

    /// <summary>
    /// Sends one client datagram to the upstream, behind the session's PROXY header if it has one; called only by the
    /// listener's receive loop. The datagram's <paramref name="length"/> bytes start at <see cref="HeaderRoom"/> in
    /// <paramref name="frame"/>, and the header is written into the room before them.
    /// </summary>
    internal void ForwardToUpstream(Span<byte> frame, int length)
    {
        var datagram = Framed(frame, length);
        if (UdpUpstreamBatch.Current is { } batch)
        {
            // On an epoll worker: sent with this session's other datagrams of the same read when the worker flushes.
            batch.Add(this, datagram);
            return;
        }

        SendToUpstream(datagram);
    }

    /// <summary>
    /// Sends a new session's first datagram at once, like <see cref="ForwardToUpstream"/> but never held in a batch: the
    /// rest of the read, queued after it, follows it.
    /// </summary>
    internal void ForwardFirst(Span<byte> frame, int length) => SendToUpstream(Framed(frame, length));

    // Writes the PROXY header in the room before the datagram; the bytes that leave.
    private Span<byte> Framed(Span<byte> frame, int length)
    {
        var start = HeaderRoom - _proxyHeader.Length;
        _proxyHeader.CopyTo(frame[start..]);
        return frame[start..(HeaderRoom + length)];
    }

    /// <summary>Sends one datagram (its PROXY header included) on the upstream socket and counts it.</summary>
    internal void SendToUpstream(ReadOnlySpan<byte> datagram)
    {
        if (!Send(datagram))
        {
            _listener.Dropped(DropReason.SendError);
            return;
        }

        Forwarded(datagram.Length - _proxyHeader.Length, 1);
    }

    /// <summary>
    /// Sends one segmented message of <paramref name="datagrams"/> datagrams on the upstream socket (epoll path only);
    /// false when it did not leave (its errno left for the caller to read), so the caller sends them one by one.
    /// </summary>
    internal unsafe bool SendToUpstream(SegmentedMessages message, int datagrams)
    {
        var added = false;
        try
        {
            _upstream.DangerousAddRef(ref added);
            int sent;
            do
            {
                sent = message.Send((int)_upstream.DangerousGetHandle(), 0);
            }
            while (sent < 0 && Marshal.GetLastPInvokeError() == LinuxSockets.Eintr);
            if (sent < 0)
            {
                return false;
            }

            Forwarded(message.SentBytes(0) - (datagrams * _proxyHeader.Length), datagrams);
        }
        catch (ObjectDisposedException)
        {
            // Closed by its actor meanwhile.
            for (var i = 0; i < datagrams; i++)
            {
                _listener.Dropped(DropReason.SendError);
            }
        }
        finally
        {
            if (added)
            {
                _upstream.DangerousRelease();
            }
        }

        return true;
    }

    private void Forwarded(int bytes, int datagrams)
    {
        Traffic.AddToUpstream(bytes, datagrams);
        Volatile.Write(ref _lastActivity, Environment.TickCount64);
    }

    /// <summary>A blocking send on the upstream socket; false when the datagram did not leave.</summary>
    private unsafe bool Send(ReadOnlySpan<byte> datagram)
    {
        if (_upstreamSocket is not null)
        {
            _upstreamSocket.Send(datagram, SocketFlags.None, out var error);
            return error == SocketError.Success;
        }

        var added = false;
        try
        {
            // Holding a reference keeps the descriptor from being closed and reused during the send.
            _upstream.DangerousAddRef(ref added);
            var fd = (int)_upstream.DangerousGetHandle();
            fixed (byte* data = datagram)
            {
                nint sent;
                do
                {
                    sent = LinuxSockets.Send(fd, data, (nuint)datagram.Length, LinuxSockets.MsgNoSignal);
                }
                while (sent < 0 && Marshal.GetLastPInvokeError() == LinuxSockets.Eintr);
                return sent >= 0;
            }
        }
        catch (ObjectDisposedException)
        {
            // Closed by its actor meanwhile.
            return false;
        }
        finally
        {
            if (added)
            {
                _upstream.DangerousRelease();
            }
        }
    }

    bool IActorOwnedSession.Close(SessionCloseReason reason) => Close(reason);

    /// <summary>Ends the session: closes its upstream socket and releases its place in the rule's limits. Idempotent.</summary>
    internal bool Close(SessionCloseReason reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return false;
        }

        CloseReason = reason;
        _worker?.Unregister(this);
        ((IDisposable?)_upstreamSocket ?? _upstream).Dispose();
        _listener.OnSessionClosed(this, reason);
        return true;
    }
}
