using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using RelayCluster.Core.Health;
using RelayCluster.Core.Traffic;
using RelayCluster.Core.Upstreams;

namespace RelayCluster.Node.Sessions;

/// <summary>
/// One client connection of a TCP rule and its connection to an upstream: connects with failover, then pumps both
/// directions with backpressure and half-close. The session actor owns its lifecycle.
/// </summary>
public sealed partial class TcpSession : IActorOwnedSession
{
    private readonly Socket _client;
    private readonly ITcpSessionRule _rule;
    private readonly TcpBufferPool _buffers;
    private readonly TcpIo _io;
    private readonly Lock _gate = new();
    private Socket? _upstreamSocket;
    private Socket? _connecting;
    private UpstreamState? _upstream;
    private long _lastActivity;
    private int _closed;
    private int _placeReleased;

    internal TcpSession(Socket client, IPEndPoint clientEndPoint, ITcpSessionRule rule, TcpBufferPool buffers, TcpIo io = TcpIo.Default)
    {
        _client = client;
        Client = clientEndPoint;
        _rule = rule;
        _buffers = buffers;
        _io = io;
        StartedAt = DateTimeOffset.UtcNow;
        _lastActivity = Environment.TickCount64;
    }

    /// <inheritdoc />
    public IPEndPoint Client { get; }

    /// <inheritdoc />
    public UpstreamState? Upstream => Volatile.Read(ref _upstream);

    /// <inheritdoc />
    public DateTimeOffset StartedAt { get; }

    /// <inheritdoc />
    public long LastActivity => Volatile.Read(ref _lastActivity);

    /// <inheritdoc />
    public TrafficCounters Traffic { get; } = new();

    /// <inheritdoc />
    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <inheritdoc />
    public SessionCloseReason? CloseReason { get; private set; }

    /// <summary>Called with each upstream that refused or timed out, so the router can count it.</summary>
    internal Action<UpstreamState, HealthFailureReason, string>? ConnectFailed { get; set; }

    Task<SessionCloseReason>? IActorOwnedSession.Start(IActorRef router)
    {
        ConnectFailed = (upstream, reason, detail) => router.Tell(new UpstreamConnectFailed(upstream, reason, detail));
        return RunThenReleasePlaceAsync();
    }

    /// <summary>Runs the session; the moment both directions have finished (or one was reset) its place stops counting.</summary>
    private async Task<SessionCloseReason> RunThenReleasePlaceAsync()
    {
        try
        {
            return await RunAsync();
        }
        finally
        {
            ReleasePlace();
        }
    }

    /// <summary>
    /// Gives back the session's place in the rule's caps, once: when its run ends, when it is closed, or when a new
    /// connection of the same client at its cap finds that the client has already closed this one.
    /// </summary>
    internal void ReleasePlace()
    {
        if (Interlocked.Exchange(ref _placeReleased, 1) == 0)
        {
            _rule.Limiter.Release(ClientKey.FromAddress(Client.Address), this);
        }
    }

    /// <summary>
    /// Whether the client has finished this connection (its FIN or reset is already here) or the session has ended, though
    /// the relay may not have passed that on yet: such a session no longer holds the client's place. One poll, no wait.
    /// </summary>
    internal bool ClientHasFinished
    {
        get
        {
            if (IsClosed || Volatile.Read(ref _placeReleased) != 0)
            {
                return true;
            }

            try
            {
                // Readable with nothing to read: end of stream (or an error) is all that is left.
                return _client.Poll(0, SelectMode.SelectRead) && _client.Available == 0;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return true;
            }
        }
    }

    bool IActorOwnedSession.Close(SessionCloseReason reason) => Close(reason);

    /// <summary>Connects to an upstream and relays until both directions have finished; returns why the session ended.</summary>
    internal async Task<SessionCloseReason> RunAsync()
    {
        if (_rule.Tls is { } tls)
        {
            return await RunTlsAsync(tls);
        }

        var upstream = await ConnectAsync();
        if (upstream is null)
        {
            return SessionCloseReason.UpstreamConnectFailed;
        }

        if (OnEpoll)
        {
            return await PumpOnEpollAsync(upstream);
        }

        // A reset on one side is passed on to the other at once (the session's close resets both).
        return await TcpPumpEnd.SessionEndAsync(PumpAsync(_client, upstream, TcpDirection.ToUpstream), PumpAsync(upstream, _client, TcpDirection.ToClient));
    }

    /// <summary>Ends the session: resets both connections if they are still open and gives back its places. Idempotent.</summary>
    internal bool Close(SessionCloseReason reason)
    {
        Socket? upstreamSocket;
        UpstreamState? upstream;
        TcpEpollPump? epollPump;
        lock (_gate)
        {
            if (_closed != 0)
            {
                return false;
            }

            Volatile.Write(ref _closed, 1);
            CloseReason = reason;
            upstreamSocket = _upstreamSocket ?? _connecting;
            upstream = _upstream;
            epollPump = _epollPump;
        }

        // The epoll worker must be done with the descriptors before they are closed.
        DetachEpoll(epollPump, reason);

        CloseSocket(_client, reason);
        if (upstreamSocket is not null)
        {
            CloseSocket(upstreamSocket, reason);
        }

        upstream?.SessionClosed();

        ReleasePlace();
        _rule.SessionClosed(this, reason);
        return true;
    }

    private static void CloseSocket(Socket socket, SessionCloseReason reason)
    {
        if (reason is not (SessionCloseReason.ClientClosed or SessionCloseReason.UpstreamClosed))
        {
            // Anything but an orderly close on both sides is a reset, so neither peer mistakes it for a complete stream.
            try
            {
                socket.LingerState = new LingerOption(true, 0);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // The socket is already gone.
            }
        }

        socket.Dispose();
    }

    internal void Touch() => Volatile.Write(ref _lastActivity, Environment.TickCount64);
}
