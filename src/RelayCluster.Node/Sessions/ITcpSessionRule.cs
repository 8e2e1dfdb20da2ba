using System.Net;
using RelayCluster.Core.Configuration;
using RelayCluster.Core.Upstreams;
using RelayCluster.Node.Tls;

namespace RelayCluster.Node.Sessions;

/// <summary>What a TCP session needs of its rule: the config and TLS, the upstream pick, its place in the limits and where its end is counted.</summary>
internal interface ITcpSessionRule
{
    /// <summary>The rule's config snapshot.</summary>
    RuleConfig Config { get; }

    /// <summary>The TLS of the rule's clients or upstreams, or null when its sessions relay plain tcp.</summary>
    RuleTls? Tls { get; }

    /// <summary>The places sessions take in the rule's and the node's caps.</summary>
    SessionLimiter Limiter { get; }

    /// <summary>Picks the upstream for a connect attempt of <paramref name="client"/>, never one of <paramref name="exclude"/>; null when none is available.</summary>
    UpstreamState? PickUpstream(IPAddress client, IReadOnlyCollection<UpstreamState>? exclude);

    /// <summary>Counts an ended session; called once per session.</summary>
    void SessionClosed(IRelaySession session, SessionCloseReason reason);
}
