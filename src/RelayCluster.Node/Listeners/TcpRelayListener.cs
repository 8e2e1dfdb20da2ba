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
    private readonly TcpBufferPool _buffers;
    private readonly TcpIo _io;
    private readonly ILogger _logger;
    private Task _loop = Task.CompletedTask;

    internal TcpRelayListener(RelayRule rule, IPEndPoint listen, TcpBufferPool buffers, ILogger logger, TcpIo io = TcpIo.Default)
    {
        Rule = rule;
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

    private RelayRule Rule { get; }

    /// <inheritdoc />
    public IPEndPoint LocalEndPoint { get; }

    /// <inheritdoc />
    public bool IsAccepting => Rule.Admission.IsAccepting;

    /// <summary>Whether this listener's sessions are relayed by the epoll workers once connected.</summary>
    public bool UsesEpoll => TcpSession.UsesEpoll(_io, Rule.Config);

    /// <inheritdoc />
    public void Start()
    {
        _loop = Task.Run(AcceptLoopAsync);
        Log.ListeningTcp(_logger, Rule.Name, LocalEndPoint);
    }

    /// <inheritdoc />
    public void StopAccepting() => Rule.Admission.Drain();

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
        var remote = (IPEndPoint)client.RemoteEndPoint!;

        // For tcp, the rate limit's packets-per-second is new connections per second from one client IP.
        var refusal = Rule.Admission.Admit(remote.Serialize(), 0, out var clientKey);
        if (refusal == DropReason.ClientLimit)
        {
            _ = AdmitAtClientCapAsync(client, remote, clientKey);
            return;
        }

        if (refusal is not null)
        {
            Reset(client);
            return;
        }

        Start(client, remote, clientKey);
    }

    /// <summary>
    /// A client that closes its connections and at once opens new ones can be ahead of the relay reading those closes:
    /// a connection over the client's cap waits up to <see cref="ClientCapGrace"/> for a place before it is refused.
    /// </summary>
    private async Task AdmitAtClientCapAsync(Socket client, IPEndPoint remote, ClientKey clientKey)
    {
        var deadline = Environment.TickCount64 + (long)ClientCapGrace.TotalMilliseconds;
        DropReason? refusal;
        bool final;
        do
        {
            await Task.Delay(s_clientCapRetry).ConfigureAwait(false);
            final = Environment.TickCount64 >= deadline;
            refusal = Rule.Admission.AdmitAgain(clientKey, final);
        }
        while (refusal == DropReason.ClientLimit && !final);

        if (refusal is not null)
        {
            Reset(client);
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
        Rule.StartSession(session);
    }

    /// <summary>How long a new connection over its client's cap waits for a place before it is refused.</summary>
    internal static readonly TimeSpan ClientCapGrace = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan s_clientCapRetry = TimeSpan.FromMilliseconds(5);

    /// <summary>Resets a refused connection (the admission chain counted it).</summary>
    private static void Reset(Socket client)
    {
        client.LingerState = new LingerOption(true, 0);
        client.Dispose();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Rule.Admission.Drain();
        _socket.Dispose();
        await _loop.ConfigureAwait(false);
    }
}
