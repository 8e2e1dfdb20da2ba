namespace RelayCluster.Node.Sessions;

/// <summary>How TCP sessions move bytes once connected.</summary>
public enum TcpIo
{
    /// <summary>Epoll worker threads on Linux for plain TCP rules, async socket operations elsewhere.</summary>
    Default,

    /// <summary>Async socket operations on .NET's socket engine, on every platform.</summary>
    Async,
}
