using Akka.Actor;
using Akka.TestKit;
using RelayCluster.Node.Health;
using RelayCluster.Testing.Upstreams;

namespace RelayCluster.Node.Tests.Health;

/// <summary>
/// Drives a health actor on virtual time against a real echo upstream: time moves in small steps, but never while a
/// reply may still come over the socket or a result is on its way to the actor, so the times it measures are those of
/// the actor's schedule alone, however slow the machine.
/// </summary>
internal sealed class VirtualHealthRun(VirtualClock clock, IActorRef health, TestProbe asker, TrackingProbe probe, UdpEchoUpstream echo, TimeSpan timeout)
{
    private static readonly TimeSpan s_realLimit = TimeSpan.FromSeconds(20);

    /// <summary>Advances until <paramref name="done"/> holds for the first upstream; returns the virtual time that took.</summary>
    public async Task<TimeSpan> AdvanceUntilAsync(Func<UpstreamHealthSnapshot, bool> done, TimeSpan limit)
    {
        var start = clock.Now;
        var realDeadline = DateTime.UtcNow + s_realLimit;
        while (true)
        {
            asker.Send(health, GetUpstreamHealth.Instance);
            var snapshot = (await asker.ExpectMsgAsync<UpstreamHealthSnapshot[]>(s_realLimit))[0];
            if (done(snapshot))
            {
                return clock.Now - start;
            }

            Assert.True(clock.Now - start <= limit, $"not done within {limit} of virtual time; last: {snapshot}");
            Assert.True(DateTime.UtcNow < realDeadline, $"not done within {s_realLimit} of real time; last: {snapshot}");
            if (MustWaitForRealWork(snapshot))
            {
                await Task.Delay(1);
            }
            else
            {
                clock.Step();
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
        return echo.Replying || clock.Time.GetTimestamp() >= startedAt + timeout.Ticks;
    }
}
