namespace RelayCluster.Node.Metrics;

/// <summary>The label names and fixed label values of the node's metrics.</summary>
public static class MetricLabels
{
    /// <summary>The rule's name.</summary>
    public const string Rule = "rule";

    /// <summary>The upstream's address as configured, <c>host:port</c>.</summary>
    public const string Upstream = "upstream";

    /// <summary>A drop or close reason in kebab case, such as <c>session-limit</c> or <c>idle-timeout</c>.</summary>
    public const string Reason = "reason";

    /// <summary>Which way traffic moved: <see cref="ClientToUpstream"/> or <see cref="UpstreamToClient"/>.</summary>
    public const string Direction = "direction";

    /// <summary>A cluster member's status, such as <c>up</c> or <c>leaving</c>.</summary>
    public const string Status = "status";

    /// <summary>The <see cref="Direction"/> of datagrams and bytes forwarded from clients to upstreams.</summary>
    public const string ClientToUpstream = "client-to-upstream";

    /// <summary>The <see cref="Direction"/> of datagrams and bytes forwarded from upstreams back to clients.</summary>
    public const string UpstreamToClient = "upstream-to-client";
}
