using System.Net;
using System.Net.Sockets;
using RelayCluster.Core.Configuration;
using RelayCluster.Core.Traffic;
using RelayCluster.Core.Upstreams;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Listeners;

public sealed partial class UdpListener
{
    private static readonly IPEndPoint s_endPointFactory = new(IPAddress.Any, 0);

    /// <summary>Opens the session of a new peer on <paramref name="routed"/> (a token's upstream) or, when null, on the rule's pick.</summary>
    private void OpenSession(SocketAddress address, Span<byte> frame, int length, UdpEpollWorker? worker, UpstreamState? routed = null)
    {
        if (!_accepting)
        {
            Rule.Counters.Dropped(DropReason.Draining);
            return;
        }

        // Refusals before the client's endpoint is made allocate nothing: a flood of new peers is dropped for free.
        if (!Rule.Config.Access.IsAllowed(address))
        {
            Rule.Counters.Dropped(DropReason.AccessDenied);
            return;
        }

        if (Rule.Limiter.IsFull)
        {
            Rule.Counters.Dropped(DropReason.SessionLimit);
            return;
        }

        var clientKey = ClientKey.FromSocketAddress(address);
        var refusal = Rule.Limiter.TryAdmit(clientKey);
        if (refusal == DropReason.ClientLimit && ReclaimIdlest(clientKey))
        {
            refusal = Rule.Limiter.TryAdmit(clientKey);
        }

        if (refusal is { } reason)
        {
            Rule.Counters.Dropped(reason);
            return;
        }

        var client = (IPEndPoint)s_endPointFactory.Create(address);

        var upstream = routed is null ? Rule.PickUpstream(client.Address) : routed.IsAvailable ? routed : null;
        if (upstream is null)
        {
            Rule.Limiter.Release(clientKey);
            Rule.Counters.Dropped(DropReason.NoUpstream);
            return;
        }

        Socket upstreamSocket;
        try
        {
            upstreamSocket = UdpSockets.Connect(upstream.EndPoint);
        }
        catch (SocketException e)
        {
            Rule.Limiter.Release(clientKey);
            Rule.Counters.Dropped(DropReason.SendError);
            Log.UpstreamSocketFailed(_logger, Rule.Name, upstream.Address, e.SocketErrorCode);
            return;
        }

        var key = UdpSockets.Copy(address);
        var proxyHeader = Rule.Config.ProxyProtocol == ProxyProtocolVersion.V2 ? ProxyHeaders.ForDatagrams(client, LocalEndPoint) : [];
        var session = new UdpSession(this, key, client, upstream, upstreamSocket, Rule.Config.Session.MaxDatagram, proxyHeader, worker);
        if (!_sessions.TryAdd(key, session))
        {
            // Another receive loop opened this peer's session first; use that one.
            upstreamSocket.Dispose();
            Rule.Limiter.Release(clientKey);
            if (_sessions.TryGetValue(key, out var existing))
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

        session.ForwardToUpstream(frame, length);
        _observer.SessionStarted(session);
    }

    /// <summary>Removes a closed session and gives back its place in the limits.</summary>
    internal void OnSessionClosed(UdpSession session, SessionCloseReason reason)
    {
        if (_sessions.TryRemove(new KeyValuePair<SocketAddress, UdpSession>(session.ClientAddress, session)))
        {
            session.Upstream.SessionClosed();
            Rule.Limiter.Release(ClientKey.FromAddress(session.Client.Address), session);
            Rule.SessionClosed(session, reason);
        }
    }

    /// <summary>
    /// Ends the idlest session of a client at its per-IP cap when it has been idle for <c>session.reclaim-after</c>, so the
    /// client's new flow takes its place; false when every session of the client is more recent. Allocates nothing.
    /// </summary>
    private bool ReclaimIdlest(ClientKey client)
    {
        var idleSince = Environment.TickCount64 - (long)Rule.Config.Session.ReclaimAfter.TotalMilliseconds;
        return Rule.Limiter.Idlest(client, idleSince) is UdpSession idlest && idlest.Close(SessionCloseReason.Reclaimed);
    }
}
