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

        // An epoll worker sends and reads on the bare descriptor; only the async path reads through a Socket.
        Socket? upstreamSocket = null;
        SafeSocketHandle upstreamHandle;
        try
        {
            if (worker is null)
            {
                upstreamSocket = UdpSockets.Connect(upstream.EndPoint);
                upstreamHandle = upstreamSocket.SafeHandle;
            }
            else
            {
                upstreamHandle = UdpSockets.ConnectBare(upstream.EndPoint);
            }
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
        var session = new UdpSession(this, key, client, upstream, upstreamHandle, upstreamSocket, Rule.Config.Session.MaxDatagram, proxyHeader, worker);
        if (!_sessions.TryAdd(key, session))
        {
            // Another receive loop opened this peer's session first; use that one.
            ((IDisposable?)upstreamSocket ?? upstreamHandle).Dispose();
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
        if (routed is null)
        {
            Rule.ShareUpstream(client, upstream);
        }
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
}
