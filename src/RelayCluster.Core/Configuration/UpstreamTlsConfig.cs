namespace RelayCluster.Core.Configuration;

/// <summary>TLS from the node to the upstreams of a tcp rule (<c>relay.rules.&lt;name&gt;.upstream-tls</c>); default off.</summary>
public sealed record UpstreamTlsConfig
{
    /// <summary>Whether the node speaks TLS to the upstreams (<c>enabled</c>); default false.</summary>
    public bool Enabled { get; init; }

    /// <summary>
    /// The name sent as SNI and checked against the upstream's certificate (<c>server-name</c>); default null, which
    /// uses the host of each upstream's address.
    /// </summary>
    public string? ServerName { get; init; }

    /// <summary>Whether the upstream's certificate must be trusted and match the name (<c>verify</c>); default true.</summary>
    public bool Verify { get; init; } = true;

    /// <summary>
    /// The full path of a PEM file of certificate authorities that the upstream's certificate must chain to
    /// (<c>ca-certificates</c>); default null, which trusts the system's authorities.
    /// </summary>
    public string? CaCertificates { get; init; }
}
