namespace RelayCluster.Core.Configuration;

/// <summary>Whether a rule tells its upstreams the client's address with a PROXY protocol header (<c>proxy-protocol</c>).</summary>
public enum ProxyProtocolVersion
{
    /// <summary>No header; upstreams see the node's address (<c>none</c>).</summary>
    None,

    /// <summary>The binary PROXY protocol v2 header: before the first bytes of a tcp connection, before every datagram of a udp session (<c>v2</c>).</summary>
    V2,
}
