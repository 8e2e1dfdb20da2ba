using Microsoft.Extensions.Logging;
using RelayCluster.Core.Health;
using RelayCluster.Core.Upstreams;
using RelayCluster.Node.Health.Internal;

namespace RelayCluster.Node.Health;

/// <summary>Verdicts: passive failures, and applying, logging and reporting each change once.</summary>
internal sealed partial class HealthCheckActor
{
    // A reload may turn checks off: a verdict from the old checks must not keep an upstream out for good.
    private void ForgetVerdicts()
    {
        foreach (var state in _states.Where(state => state.Upstream.Health != UpstreamHealth.Unknown))
        {
            Apply(state, new HealthTransition(state.Upstream.Health, UpstreamHealth.Unknown, "health checks are off"));
        }
    }

    private void OnPassiveFailure(PassiveFailure failure)
    {
        // Without active probes nothing could make the upstream healthy again, so passive failures are ignored.
        var state = Array.Find(_states, state => ReferenceEquals(state.Upstream, failure.Upstream));
        if (_probe is null || state is null)
        {
            return;
        }

        var detail = failure.Detail ?? (failure.Reason == HealthFailureReason.Timeout && _config.Passive.WatchesUdpReplies
            ? $"a session got no reply within {ProbeText.Duration(_config.Passive.UdpReplyTimeout)}"
            : "reported by a session");
        Apply(state, state.Tracker.ReportPassiveFailure(failure.Reason, detail));
    }

    private void Apply(UpstreamProbeState state, HealthTransition? transition)
    {
        if (transition is not { } change)
        {
            return;
        }

        state.Upstream.Health = change.New;
        var level = change.New == UpstreamHealth.Unhealthy ? LogLevel.Warning : LogLevel.Information;
        Log.HealthChanged(_logger, level, _rule, state.Upstream.Address, change.New, change.Reason);
        _notify?.Tell(new UpstreamHealthChanged(state.Upstream, change.Old, change.New, change.Reason), Self);
    }
}
