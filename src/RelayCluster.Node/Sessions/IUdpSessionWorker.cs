namespace RelayCluster.Node.Sessions;

/// <summary>The epoll worker that reads a UDP session's replies; a session on the async path has none.</summary>
internal interface IUdpSessionWorker
{
    /// <summary>Stops reading the session's upstream socket; called once, when the session closes.</summary>
    void Unregister(UdpSession session);
}
