namespace RelayCluster.Core.Upstreams;

/// <summary>The health verdict of one upstream, as the health policy last decided it.</summary>
public enum UpstreamHealth
{
    /// <summary>No verdict yet (no probe configured, or not enough probe results); new sessions may use it.</summary>
    Unknown,

    /// <summary>The probes say the upstream answers.</summary>
    Healthy,

    /// <summary>The probes say the upstream does not answer; new sessions avoid it.</summary>
    Unhealthy,
}
