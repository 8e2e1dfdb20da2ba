using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using RelayCluster.Core.Configuration;
using RelayCluster.Core.Upstreams;
using RelayCluster.Node.Rules;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Listeners;

/// <summary>
/// The UDP side of one rule: receives client datagrams, finds or opens the client's session and forwards on the
/// direct path, and sends upstream replies back out of the same address the client talks to.
/// </summary>
public sealed partial class UdpListener : IRuleListener, IUdpSessionListener
{
    private readonly Socket[] _sockets;
    private static readonly IPEndPoint s_endPointFactory = new(IPAddress.Any, 0);
    private readonly ConcurrentDictionary<SocketAddress, UdpSession> _sessions = new();
    private readonly IUdpSessionObserver _observer;
    private readonly ILogger _logger;
    private readonly List<Task> _loops = [];
    private readonly List<UdpEpollWorker> _workers = [];

    /// <summary>
    /// Binds the rule's listen address with <paramref name="receiveLoops"/> sockets sharing the port. On Linux each socket
    /// gets an epoll worker thread (64-bit processes) unless <paramref name="io"/> asks for async socket operations.
    /// </summary>
    public UdpListener(RelayRule rule, IPEndPoint listen, int receiveLoops, IUdpSessionObserver observer, ILogger logger, UdpIo io = UdpIo.Default)
    {
        // The worker's batch calls lay out Linux's 64-bit message headers.
        UseEpoll = io != UdpIo.Async && OperatingSystem.IsLinux() && Environment.Is64BitProcess;
        Rule = rule;
        _observer = observer;
        _logger = logger;
        _sockets = UdpSockets.BindShared(listen, Math.Max(1, receiveLoops));
        LocalEndPoint = (IPEndPoint)_sockets[0].LocalEndPoint!;
    }

    /// <summary>True when epoll workers (not async socket operations) carry the datagrams.</summary>
    public bool UseEpoll { get; }

    /// <summary>The rule this listener serves.</summary>
    public RelayRule Rule { get; }

    /// <summary>The bound address (with the real port when the rule asked for port 0).</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>The epoll workers, one per listen socket; empty when async socket operations carry the datagrams.</summary>
    internal IReadOnlyList<UdpEpollWorker> Workers => _workers;

    /// <summary>The live sessions.</summary>
    public ICollection<UdpSession> Sessions => _sessions.Values;

    /// <summary>How many sessions are live.</summary>
    public int SessionCount => _sessions.Count;

    /// <summary>Starts the receive loops.</summary>
    public void Start()
    {
        for (var i = 0; i < _sockets.Length; i++)
        {
            if (UseEpoll)
            {
                var worker = new UdpEpollWorker(this, _sockets[i], Rule.Config.Session.MaxDatagram, $"udp-{Rule.Name}-{i}");
                _workers.Add(worker);
                worker.Start();
            }
            else
            {
                var socket = _sockets[i];
                _loops.Add(Task.Run(() => ReceiveLoopAsync(socket)));
            }
        }

        Log.Listening(_logger, Rule.Name, LocalEndPoint, _sockets.Length);
    }

    /// <summary>False once the listener stopped opening sessions (drain).</summary>
    public bool IsAccepting => Rule.Admission.IsAccepting;

    /// <summary>Stops opening sessions; datagrams of existing sessions keep flowing.</summary>
    public void StopAccepting() => Rule.Admission.Drain();

    private async Task ReceiveLoopAsync(Socket socket)
    {
        var buffer = GC.AllocateUninitializedArray<byte>(UdpSession.HeaderRoom + Rule.Config.Session.MaxDatagram + 1, pinned: true);
        var address = new SocketAddress(socket.AddressFamily);
        while (true)
        {
            int length;
            try
            {
                length = await socket.ReceiveFromAsync(buffer.AsMemory(UdpSession.HeaderRoom), SocketFlags.None, address);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.OperationAborted or SocketError.Interrupted)
            {
                return;
            }
            catch (SocketException)
            {
                // A late ICMP error for an earlier send surfaces here on some platforms; the listener carries on.
                continue;
            }

            OnClientDatagram(address, buffer, length, null);
        }
    }

    /// <summary>
    /// Forwards one client datagram on its session, opening the session first for a new peer: a known peer's datagram
    /// passes the rule's rate limit, when it has one; a new peer's passes the whole <see cref="Admission.AdmissionChain"/>. The datagram's
    /// <paramref name="length"/> bytes start at <see cref="UdpSession.HeaderRoom"/> in <paramref name="frame"/>.
    /// </summary>
    internal void OnClientDatagram(SocketAddress address, Span<byte> frame, int length, UdpEpollWorker? worker)
    {
        if (length > Rule.Config.Session.MaxDatagram)
        {
            Rule.Counters.Dropped(DropReason.Truncated);
            return;
        }

        if (Rule.TokenTable is { } tokens)
        {
            RouteByToken(tokens, address, frame, length, worker);
            return;
        }

        if (_sessions.TryGetValue(address, out var session))
        {
            if (session.Upstream.Health != UpstreamHealth.Unhealthy || Rule.Config.Session.OnUpstreamDown != UpstreamDownAction.Rebind)
            {
                if (Rule.Admission.AllowsDatagram(address, length))
                {
                    session.ForwardToUpstream(frame, length);
                }

                return;
            }

            // on-upstream-down = rebind: this datagram opens a new session on an upstream that is up.
            session.Close(SessionCloseReason.UpstreamUnhealthy);
        }

        OpenSession(address, frame, length, worker);
    }

    /// <summary>Opens the session of a new peer on <paramref name="routed"/> (a token's upstream) or, when null, on the rule's pick.</summary>
    private void OpenSession(SocketAddress address, Span<byte> frame, int length, UdpEpollWorker? worker, UpstreamState? routed = null)
    {
        // Refusals come before the client's endpoint is made and allocate nothing: a flood of new peers is dropped for free.
        if (Rule.Admission.Admit(address, length, out var clientKey) is not null)
        {
            return;
        }

        var client = (IPEndPoint)s_endPointFactory.Create(address);
        var shared = routed is null ? Rule.SharedUpstream(client) : null;
        var upstream = Rule.Admission.PickUpstream(client.Address, routed, shared: shared);
        if (upstream is null)
        {
            Rule.Limiter.Release(clientKey);
            return;
        }

        if (shared is not null && ReferenceEquals(upstream, shared))
        {
            Rule.Affinity?.Hit();
        }

        var proxyHeader = Rule.Config.ProxyProtocol == ProxyProtocolVersion.V2 ? ProxyHeaders.ForDatagrams(client, LocalEndPoint) : [];
        UdpSession session;
        try
        {
            session = UdpSession.Open(this, address, client, upstream, Rule.Config.Session.MaxDatagram, proxyHeader, worker);
        }
        catch (SocketException e)
        {
            Rule.Limiter.Release(clientKey);
            Rule.Counters.Dropped(DropReason.SendError);
            Log.UpstreamSocketFailed(_logger, Rule.Name, upstream.Address, e.SocketErrorCode);
            return;
        }

        if (!_sessions.TryAdd(session.ClientAddress, session))
        {
            // Another receive loop opened this peer's session first; use that one.
            session.Discard();
            Rule.Limiter.Release(clientKey);
            if (_sessions.TryGetValue(address, out var existing))
            {
                existing.ForwardToUpstream(frame, length);
            }

            return;
        }

        upstream.SessionOpened();
        Rule.SessionOpened(session);
        Rule.Limiter.Track(clientKey, session);
        try
        {
            worker?.Register(session);
        }
        catch (SocketException e)
        {
            Log.UpstreamSocketFailed(_logger, Rule.Name, upstream.Address, e.SocketErrorCode);
            session.Close(SessionCloseReason.Failed);
            return;
        }

        session.ForwardFirst(frame, length);
        _observer.SessionStarted(session);
        if (routed is null)
        {
            Rule.ShareUpstream(client, upstream);
        }
    }

    /// <summary>Closes the sockets and waits for the receive loops to end; sessions are closed by their actors.</summary>
    public async ValueTask DisposeAsync()
    {
        Rule.Admission.Drain();
        foreach (var worker in _workers)
        {
            worker.Dispose();
        }

        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }

        await Task.WhenAll(_loops).ConfigureAwait(false);
    }
}
