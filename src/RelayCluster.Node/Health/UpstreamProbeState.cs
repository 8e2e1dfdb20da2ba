using RelayCluster.Core.Health;
using RelayCluster.Core.Upstreams;

namespace RelayCluster.Node.Health;

/// <summary>What <see cref="HealthCheckActor"/> knows about probing one upstream; touched only by the actor.</summary>
internal sealed class UpstreamProbeState(UpstreamState upstream, UpstreamHealthTracker tracker)
{
    /// <summary>The upstream probed.</summary>
    public UpstreamState Upstream { get; } = upstream;

    /// <summary>Its verdict and the results in a row behind it.</summary>
    public UpstreamHealthTracker Tracker { get; } = tracker;

    /// <summary>The number of the latest probe started.</summary>
    public long Sequence { get; set; }

    /// <summary>Whether a probe is running.</summary>
    public bool InFlight { get; set; }

    /// <summary>When the latest probe started, as a timestamp of the actor system's clock.</summary>
    public long StartedAt { get; set; }

    /// <summary>The latest probe's result, or null before the first one ends.</summary>
    public ProbeResult? LastResult { get; set; }

    /// <summary>What <see cref="GetUpstreamHealth"/> reports.</summary>
    public UpstreamHealthSnapshot Snapshot() =>
        new(Upstream, Tracker.Health, Tracker.ConsecutivePasses, Tracker.ConsecutiveFailures, InFlight, LastResult);

    /// <summary>When the next probe is due, as a timestamp of the actor system's clock.</summary>
    public long DueAt { get; set; }
}
