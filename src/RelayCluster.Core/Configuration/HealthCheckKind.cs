namespace RelayCluster.Core.Configuration;

/// <summary>How a rule's upstreams are probed (<c>relay.rules.&lt;name&gt;.health.check</c>).</summary>
public enum HealthCheckKind
{
    /// <summary>No probes; upstreams are always available (<c>none</c>).</summary>
    None,

    /// <summary>A probe passes when a tcp connection to the upstream opens within the timeout (<c>tcp-connect</c>).</summary>
    TcpConnect,

    /// <summary>A probe sends a datagram and passes when the reply starts with the expected bytes (<c>udp-probe</c>).</summary>
    UdpProbe,
}
