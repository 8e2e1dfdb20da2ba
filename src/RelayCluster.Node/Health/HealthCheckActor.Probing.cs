using System.Net;
using Akka.Actor;
using RelayCluster.Core.Health;

namespace RelayCluster.Node.Health;

/// <summary>Running probes off the actor and scheduling the next ones with jitter.</summary>
internal sealed partial class HealthCheckActor
{
    private const double JitterFraction = 0.1;

    private void StartProbe(int index)
    {
        var state = _states[index];
        if (state.InFlight || _probe is null)
        {
            return;
        }

        state.InFlight = true;
        state.StartedAt = _clock.GetTimestamp();
        state.Sequence++;
        _ = RunProbeAsync(_probe, state.Upstream.EndPoint, index, state.Sequence, Self, _stopping.Token);
    }

    // Runs on the thread pool, never on the actor: the result comes back as a message.
    private static async Task RunProbeAsync(IHealthProbe probe, IPEndPoint upstream, int index, long sequence, IActorRef self, CancellationToken stopping)
    {
        ProbeResult result;
        try
        {
            result = await probe.ProbeAsync(upstream, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            // A probe that throws is a probe that failed; the actor must hear of it or it would wait forever.
            result = ProbeResult.Failed(HealthFailureReason.Error, e.Message);
        }

        self.Tell(new ProbeCompleted(index, sequence, result));
    }

    private void OnProbeCompleted(ProbeCompleted completed)
    {
        var state = _states[completed.Index];
        if (!state.InFlight || completed.Sequence != state.Sequence)
        {
            return;
        }

        state.InFlight = false;
        state.LastResult = completed.Result;
        state.Upstream.ReportCapacity(completed.Result.Capacity);
        _metrics?.ProbeFinished(_rule, state.Upstream.Address, _clock.GetElapsedTime(state.StartedAt));
        if (!completed.Result.IsPassed)
        {
            Log.ProbeFailed(_logger, _rule, state.Upstream.Address, completed.Result.ToString());
        }

        Apply(state, state.Tracker.ReportProbe(completed.Result));
        var jittered = _config.Interval * (1 + (JitterFraction * ((_random.NextDouble() * 2) - 1)));
        var remaining = jittered - _clock.GetElapsedTime(state.StartedAt);
        Schedule(completed.Index, remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
    }

    private void Schedule(int index, TimeSpan delay)
    {
        _states[index].DueAt = _clock.GetTimestamp() + (long)(delay.TotalSeconds * _clock.TimestampFrequency);
        Timers.StartSingleTimer(new ProbeDue(index), new ProbeDue(index), delay);
    }

    private void RestartStalled()
    {
        for (var i = 0; i < _states.Length; i++)
        {
            var state = _states[i];
            var lost = state.InFlight
                ? _clock.GetElapsedTime(state.StartedAt) > _config.Timeout + _config.Interval
                : _clock.GetElapsedTime(state.DueAt) > _config.Interval / 2;
            if (lost)
            {
                Log.ProbeRestarted(_logger, _rule, state.Upstream.Address);
                state.InFlight = false;
                StartProbe(i);
            }
        }
    }
}
