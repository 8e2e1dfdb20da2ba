namespace RelayCluster.Testing.Etcd;

/// <summary>Where a starting etcd process is.</summary>
internal enum EtcdStartState
{
    /// <summary>Running, not serving yet.</summary>
    Starting,

    /// <summary>Serving: its health check passes.</summary>
    Ready,

    /// <summary>Exited because a port it needs is taken.</summary>
    PortConflict,

    /// <summary>Exited for another reason.</summary>
    Exited,
}
