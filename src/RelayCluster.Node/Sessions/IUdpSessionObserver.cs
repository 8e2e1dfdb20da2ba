namespace RelayCluster.Node.Sessions;

/// <summary>Told about every session a listener opens; the rule's router turns each into a session actor.</summary>
public interface IUdpSessionObserver
{
    /// <summary>Called on the listener's receive loop right after the session's first datagram was forwarded; must not block.</summary>
    void SessionStarted(UdpSession session);
}
