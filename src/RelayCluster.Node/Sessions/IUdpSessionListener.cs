using System.Net;

namespace RelayCluster.Node.Sessions;

/// <summary>The listener a UDP session belongs to: it sends the session's replies from the rule's address, counts its drops and forgets it when it ends.</summary>
internal interface IUdpSessionListener
{
    /// <summary>Sends one reply to <paramref name="client"/> from a listen socket of the rule; false when the send failed.</summary>
    bool SendToClient(ReadOnlySpan<byte> datagram, SocketAddress client);

    /// <summary>Counts a datagram of the session that was not relayed.</summary>
    void Dropped(DropReason reason);

    /// <summary>Takes the ended session out of the listener's table and gives back its places in the limits.</summary>
    void OnSessionClosed(UdpSession session, SessionCloseReason reason);
}
