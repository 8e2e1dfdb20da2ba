using RelayCluster.Core.Configuration;

namespace RelayCluster.Node.Rules;

/// <summary>What applying a new rule set to a running node does to each rule.</summary>
public static class RuleChanges
{
    /// <summary>
    /// Whether <paramref name="running"/> can become <paramref name="next"/> without closing its listener: the listen
    /// address, protocol, TLS settings and the settings fixed when the listener and its buffers were made stay the same.
    /// Everything else (upstreams, weights, policy, limits, health, access, rate limits) changes in place.
    /// </summary>
    public static bool CanUpdateInPlace(RuleConfig running, RuleConfig next)
    {
        ArgumentNullException.ThrowIfNull(running);
        ArgumentNullException.ThrowIfNull(next);
        return running.Protocol == next.Protocol
            && running.Listen.Equals(next.Listen)
            && running.Session.MaxDatagram == next.Session.MaxDatagram
            && running.Session.BufferSize == next.Session.BufferSize
            && running.ProxyProtocol == next.ProxyProtocol
            && running.Tls == next.Tls
            && running.UpstreamTls == next.UpstreamTls;
    }
}
