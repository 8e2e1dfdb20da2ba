namespace RelayCluster.Core.Configuration;

/// <summary>What happens to live sessions when their upstream becomes unhealthy (<c>session.on-upstream-down</c>).</summary>
public enum UpstreamDownAction
{
    /// <summary>Sessions stay on their upstream until they end; only new sessions avoid it (<c>keep</c>).</summary>
    Keep,

    /// <summary>
    /// A udp session moves to another available upstream picked by the rule's balancing policy, keeping its client
    /// address and port (<c>rebind</c>).
    /// </summary>
    Rebind,
}
