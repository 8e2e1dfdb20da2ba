using RelayCluster.Core.Upstreams;

namespace RelayCluster.Core.Health;

/// <summary>
/// Turns the probe results and passive failures of one upstream into a verdict by <see cref="HealthPolicy"/>:
/// <c>rise</c> passes in a row make it healthy and <c>fall</c> failures in a row unhealthy, from any verdict.
/// Not thread-safe: one owner (the rule's health actor) reports to it.
/// </summary>
public sealed class UpstreamHealthTracker
{
    private readonly HealthPolicy _policy;

    /// <summary>Creates a tracker whose verdict starts as <paramref name="initial"/> with no results counted.</summary>
    public UpstreamHealthTracker(HealthPolicy policy, UpstreamHealth initial = UpstreamHealth.Unknown)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _policy = policy;
        Health = initial;
    }

    /// <summary>The current verdict.</summary>
    public UpstreamHealth Health { get; private set; }

    /// <summary>Passes in a row so far, counted up to <c>rise</c>.</summary>
    public int ConsecutivePasses { get; private set; }

    /// <summary>Failures in a row so far, active and passive, counted up to <c>fall</c>.</summary>
    public int ConsecutiveFailures { get; private set; }

    /// <summary>Counts an active probe's result; returns the transition when the verdict changes, otherwise null.</summary>
    public HealthTransition? ReportProbe(ProbeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.IsPassed ? CountPass() : CountFailure(result.ToString());
    }

    /// <summary>Counts a failure seen by a session, as a failed probe; returns the transition when the verdict changes.</summary>
    public HealthTransition? ReportPassiveFailure(HealthFailureReason reason, string? detail = null) =>
        CountFailure($"passive {ProbeResult.NameOf(reason)}: {detail ?? "reported by a session"}");

    private HealthTransition? CountPass()
    {
        ConsecutiveFailures = 0;
        ConsecutivePasses = Math.Min(ConsecutivePasses + 1, _policy.Rise);
        var reason = _policy.Rise == 1 ? "1 probe passed" : $"{_policy.Rise} probes passed in a row";
        return ConsecutivePasses == _policy.Rise ? MoveTo(UpstreamHealth.Healthy, reason) : null;
    }

    private HealthTransition? CountFailure(string reason)
    {
        ConsecutivePasses = 0;
        ConsecutiveFailures = Math.Min(ConsecutiveFailures + 1, _policy.Fall);
        return ConsecutiveFailures == _policy.Fall ? MoveTo(UpstreamHealth.Unhealthy, reason) : null;
    }

    private HealthTransition? MoveTo(UpstreamHealth health, string reason)
    {
        if (Health == health)
        {
            return null;
        }

        var transition = new HealthTransition(Health, health, reason);
        Health = health;
        return transition;
    }
}
