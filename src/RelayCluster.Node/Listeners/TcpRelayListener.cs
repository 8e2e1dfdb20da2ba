using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using RelayCluster.Core.Traffic;
using RelayCluster.Node.Rules;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Listeners;

/// <summary>The TCP side of one rule: accepts client connections, admits them against the rule's limits, and hands each to the router as a session.</summary>
public sealed class TcpRelayListener : IRuleListener
{
    private const int Backlog = 1024;
    private readonly Socket _socket;
    private readonly RelayRule _owner;
    private readonly TcpBufferPool _buffers;
    private readonly TcpIo _io;
    private readonly ILogger _logger;
    private Task _loop = Task.CompletedTask;
    private volatile bool _accepting = true;

    internal TcpRelayListener(RelayRule owner, IPEndPoint listen, TcpBufferPool buffers, ILogger logger, TcpIo io = TcpIo.Default)
    {
        _owner = owner;
        _buffers = buffers;
        _io = io;
        _logger = logger;
        _socket = new Socket(listen.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (listen.AddressFamily == AddressFamily.InterNetworkV6)
            {
                _socket.DualMode = true;
            }

            _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _socket.Bind(listen);
            _socket.Listen(Backlog);
        }
        catch
        {
            _socket.Dispose();
            throw;
        }

        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    private RuleRuntime Rule => _owner.Runtime;

    /// <inheritdoc />
    public IPEndPoint LocalEndPoint { get; }

    /// <inheritdoc />
    public bool IsAccepting => _accepting;

    /// <summary>Whether this listener's sessions are relayed by the epoll workers once connected.</summary>
    public bool UsesEpoll => TcpSession.UsesEpoll(_io, Rule.Config);

    /// <inheritdoc />
    public void Start()
    {
        _loop = Task.Run(AcceptLoopAsync);
        Log.ListeningTcp(_logger, Rule.Name, LocalEndPoint);
    }

    /// <inheritdoc />
    public void StopAccepting() => _accepting = false;

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await _socket.AcceptAsync();
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.OperationAborted or SocketError.Interrupted)
            {
                return;
            }
            catch (SocketException e)
            {
                // Out of descriptors or a connection that died in the backlog: note it and keep accepting.
                Log.AcceptFailed(_logger, Rule.Name, e.SocketErrorCode);
                continue;
            }

            Admit(client);
        }
    }

    private void Admit(Socket client)
    {
        if (!_accepting)
        {
            Refuse(client, DropReason.Draining);
            return;
        }

        var remote = (IPEndPoint)client.RemoteEndPoint!;
        if (!Rule.Config.Access.IsAllowed(remote.Address))
        {
            Refuse(client, DropReason.AccessDenied);
            return;
        }

        // For tcp, packets-per-second is new connections per second from one client IP.
        if (Rule.RateLimiter is { } limiter && !limiter.TryAcquire(remote.Address, 0))
        {
            Refuse(client, DropReason.RateLimited);
            return;
        }

        var clientKey = ClientKey.FromAddress(remote.Address);
        var refusal = TryAdmit(clientKey);
        if (refusal == DropReason.ClientLimit)
        {
            _ = AdmitAtClientCapAsync(client, remote, clientKey);
            return;
        }

        if (refusal is { } reason)
        {
            Refuse(client, reason);
            return;
        }

        Start(client, remote, clientKey);
    }

    /// <summary>Takes a place; at the client's cap, a connection the client has already closed gives up its place first.</summary>
    private DropReason? TryAdmit(ClientKey clientKey)
    {
        var refusal = Rule.Limiter.TryAdmit(clientKey);
        if (refusal == DropReason.ClientLimit && Rule.Limiter.Find(clientKey, s_clientHasFinished) is TcpSession finished)
        {
            finished.ReleasePlace();
            refusal = Rule.Limiter.TryAdmit(clientKey);
        }

        return refusal;
    }

    /// <summary>
    /// A client that closes its connections and at once opens new ones can be ahead of the relay reading those closes:
    /// a connection over the client's cap waits up to <see cref="ClientCapGrace"/> for a place before it is refused.
    /// </summary>
    private async Task AdmitAtClientCapAsync(Socket client, IPEndPoint remote, ClientKey clientKey)
    {
        var deadline = Environment.TickCount64 + (long)ClientCapGrace.TotalMilliseconds;
        DropReason? refusal;
        do
        {
            await Task.Delay(s_clientCapRetry).ConfigureAwait(false);
            refusal = _accepting ? TryAdmit(clientKey) : DropReason.Draining;
        }
        while (refusal == DropReason.ClientLimit && Environment.TickCount64 < deadline);

        if (refusal is { } reason)
        {
            Refuse(client, reason);
            return;
        }

        Start(client, remote, clientKey);
    }

    private void Start(Socket client, IPEndPoint remote, ClientKey clientKey)
    {
        client.NoDelay = true;
        var session = new TcpSession(client, remote, Rule, _buffers, _io);
        Rule.SessionOpened(session);
        Rule.Limiter.Track(clientKey, session);
        _owner.StartSession(session);
    }

    /// <summary>How long a new connection over its client's cap waits for a place before it is refused.</summary>
    internal static readonly TimeSpan ClientCapGrace = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan s_clientCapRetry = TimeSpan.FromMilliseconds(5);
    private static readonly Func<IRelaySession, bool> s_clientHasFinished = static session => session is TcpSession { ClientHasFinished: true };

    private void Refuse(Socket client, DropReason reason)
    {
        Rule.Counters.Dropped(reason);
        client.LingerState = new LingerOption(true, 0);
        client.Dispose();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _accepting = false;
        _socket.Dispose();
        await _loop.ConfigureAwait(false);
    }
}
