using RelayCluster.Core.Health;
using RelayCluster.Core.Upstreams;

namespace RelayCluster.Node.Health;

/// <summary>Sent by <see cref="HealthCheckActor"/> once per change of an upstream's verdict, after <see cref="UpstreamState.Health"/> is set.</summary>
/// <param name="Upstream">The upstream whose verdict changed.</param>
/// <param name="Old">The verdict before.</param>
/// <param name="Now">The verdict now.</param>
/// <param name="Reason">Why, as logged: <c>timeout: no reply within 1s</c>, <c>2 probes passed in a row</c>.</param>
internal sealed record UpstreamHealthChanged(UpstreamState Upstream, UpstreamHealth Old, UpstreamHealth Now, string Reason);

/// <summary>Tells <see cref="HealthCheckActor"/> that a session saw <paramref name="Upstream"/> fail; it counts toward <c>fall</c> like a failed probe.</summary>
/// <param name="Upstream">The upstream, one of the rule's <see cref="UpstreamState"/> instances.</param>
/// <param name="Reason">What the session saw, e.g. <see cref="HealthFailureReason.Timeout"/> for no reply within <c>passive.udp-reply-timeout</c>.</param>
/// <param name="Detail">What happened, for the log; a default is written from the config when null.</param>
internal sealed record PassiveFailure(UpstreamState Upstream, HealthFailureReason Reason, string? Detail = null);

/// <summary>Asks <see cref="HealthCheckActor"/> for an <see cref="UpstreamHealthSnapshot"/> of each upstream, in the rule's order.</summary>
internal sealed record GetUpstreamHealth
{
    /// <summary>The one instance.</summary>
    public static readonly GetUpstreamHealth Instance = new();
}

/// <summary>How the health checks see one upstream: the reply to <see cref="GetUpstreamHealth"/> holds one per upstream.</summary>
/// <param name="Upstream">The upstream.</param>
/// <param name="Health">Its verdict.</param>
/// <param name="ConsecutivePasses">Passes in a row toward <c>rise</c>.</param>
/// <param name="ConsecutiveFailures">Failures in a row toward <c>fall</c>.</param>
/// <param name="Probing">Whether a probe is running.</param>
/// <param name="LastResult">The latest probe's result, or null before the first one ends.</param>
internal sealed record UpstreamHealthSnapshot(
    UpstreamState Upstream, UpstreamHealth Health, int ConsecutivePasses, int ConsecutiveFailures, bool Probing, ProbeResult? LastResult);

/// <summary>Time to probe the upstream at <paramref name="Index"/>.</summary>
internal sealed record ProbeDue(int Index);

/// <summary>A probe of the upstream at <paramref name="Index"/> ended; <paramref name="Sequence"/> tells a late result from the current one.</summary>
internal sealed record ProbeCompleted(int Index, long Sequence, ProbeResult Result);

/// <summary>The periodic look for probes whose result or schedule message was lost to a full mailbox.</summary>
internal sealed record RestartStalledProbes
{
    public static readonly RestartStalledProbes Instance = new();
}
