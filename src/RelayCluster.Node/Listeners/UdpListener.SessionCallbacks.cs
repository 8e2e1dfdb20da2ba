using System.Net;
using System.Net.Sockets;
using RelayCluster.Core.Traffic;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Listeners;

// What a session asks of its listener: replies sent to its client, drops counted, and its end.
public sealed partial class UdpListener
{
    /// <summary>Sends a reply to the client from the rule's listen address.</summary>
    internal bool SendToClient(ReadOnlySpan<byte> datagram, SocketAddress client)
    {
        try
        {
            _sockets[0].SendTo(datagram, SocketFlags.None, client);
            return true;
        }
        catch (SocketException)
        {
            Rule.Counters.Dropped(DropReason.SendError);
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    bool IUdpSessionListener.SendToClient(ReadOnlySpan<byte> datagram, SocketAddress client) => SendToClient(datagram, client);

    void IUdpSessionListener.Dropped(DropReason reason) => Rule.Counters.Dropped(reason);

    void IUdpSessionListener.OnSessionClosed(UdpSession session, SessionCloseReason reason) => OnSessionClosed(session, reason);

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
