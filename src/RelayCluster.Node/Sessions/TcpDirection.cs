namespace RelayCluster.Node.Sessions;

/// <summary>
/// Which way a TCP pump copies, and what each of its ends is called: the one naming of ends shared by the async, TLS and
/// epoll pumps. A direction reads its source and writes its target; toward the client the source is the upstream.
/// </summary>
internal readonly record struct TcpDirection(bool TowardClient)
{
    /// <summary>From the client to the upstream.</summary>
    public static TcpDirection ToUpstream => new(false);

    /// <summary>From the upstream to the client.</summary>
    public static TcpDirection ToClient => new(true);

    /// <summary>The orderly end: the source sent its FIN, passed on to the target.</summary>
    public TcpPumpEnd Finished => new(TowardClient ? SessionCloseReason.UpstreamClosed : SessionCloseReason.ClientClosed, IsReset: false);

    /// <summary>A read failed: the source reset.</summary>
    public TcpPumpEnd SourceReset => new(TowardClient ? SessionCloseReason.UpstreamReset : SessionCloseReason.ClientReset, IsReset: true);

    /// <summary>A write failed: the target reset.</summary>
    public TcpPumpEnd TargetReset => new(TowardClient ? SessionCloseReason.ClientReset : SessionCloseReason.UpstreamReset, IsReset: true);

    /// <summary>A TLS record from the source did not decrypt, or its stream was cut inside a record.</summary>
    public TcpPumpEnd SourceError => new(TowardClient ? SessionCloseReason.UpstreamError : SessionCloseReason.ClientError, IsReset: true);

    /// <summary>The target's TLS stream failed.</summary>
    public TcpPumpEnd TargetError => new(TowardClient ? SessionCloseReason.ClientError : SessionCloseReason.UpstreamError, IsReset: true);
}
