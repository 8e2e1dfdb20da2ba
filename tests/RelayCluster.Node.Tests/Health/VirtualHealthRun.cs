using RelayCluster.Core.Actors;
using RelayCluster.Node.Health;
using RelayCluster.Testing.Time;
using RelayCluster.Testing.Upstreams;

namespace RelayCluster.Node.Tests.Health;

/// <summary>
/// Drives a health actor on a manual clock against a real echo upstream: time moves from timer to timer, but never
/// while a reply may still come over the socket or a result is on its way to the actor, so the times it measures are
/// those of the actor's schedule alone, however slow the machine.
/// </summary>
internal sealed class VirtualHealthRun(ManualTimeProvider clock, ActorRef health, TrackingProbe probe, UdpEchoUpstream echo, TimeSpan timeout)
{
    private static readonly TimeSpan s_realLimit = TimeSpan.FromSeconds(20);

    /// <summary>Advances until <paramref name="done"/> holds for the first upstream; returns the clock time that took.</summary>
    public async Task<TimeSpan> AdvanceUntilAsync(Func<UpstreamHealthSnapshot, bool> done, TimeSpan limit)
    {
        var start = clock.Now;
        var realDeadline = DateTime.UtcNow + s_realLimit;
        while (true)
        {
            var snapshot = (await health.Ask<UpstreamHealthSnapshot[]>(GetUpstreamHealth.Instance, s_realLimit).WaitAsync(s_realLimit))[0];
            if (done(snapshot))
            {
                return clock.Now - start;
            }

            Assert.True(clock.Now - start <= limit, $"not done within {limit} of clock time; last: {snapshot}");
            Assert.True(DateTime.UtcNow < realDeadline, $"not done within {s_realLimit} of real time; last: {snapshot}");
            if (MustWaitForRealWork(snapshot))
            {
                await Task.Delay(1);
            }
            else
            {
                Assert.True(clock.AdvanceToNextTimer(), "no timer is armed");
            }
        }
    }

    private bool MustWaitForRealWork(UpstreamHealthSnapshot snapshot)
    {
        if (probe.RunningSince is not { } startedAt)
        {
            // The probe has ended but the actor may not have its result yet.
            return snapshot.Probing;
        }

        // A reply may be on its way; a silent upstream's probe ends only when its deadline passes, and then its result is.
        return echo.Replying || clock.GetTimestamp() >= startedAt + timeout.Ticks;
    }
}
