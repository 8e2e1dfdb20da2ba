namespace RelayCluster.Node.Listeners;

/// <summary>How a UDP listener moves datagrams.</summary>
public enum UdpIo
{
    /// <summary>Epoll worker threads on Linux, async socket operations elsewhere.</summary>
    Default,

    /// <summary>Async socket operations on the thread pool, on every platform.</summary>
    Async,
}
