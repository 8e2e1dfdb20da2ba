namespace RelayCluster.Core.Upstreams;

/// <summary>What an operator has asked of one upstream (<c>relayctl upstreams drain|enable|disable</c>).</summary>
public enum UpstreamAdminState
{
    /// <summary>The upstream takes new sessions when it is not unhealthy.</summary>
    Enabled,

    /// <summary>The upstream takes no new sessions; the sessions it has run until they end.</summary>
    Draining,

    /// <summary>The upstream takes no new sessions, and its sessions are closed.</summary>
    Disabled,
}
