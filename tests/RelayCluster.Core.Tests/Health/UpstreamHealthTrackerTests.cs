using RelayCluster.Core.Health;
using RelayCluster.Core.Upstreams;

namespace RelayCluster.Core.Tests.Health;

public class UpstreamHealthTrackerTests
{
    private static readonly ProbeResult s_timeout = ProbeResult.Failed(HealthFailureReason.Timeout, "no reply within 1s");

    /// <summary>
    /// Steps: P a passed probe, F a failed probe, S a passive failure. Verdicts after each step:
    /// ? unknown, + healthy, - unhealthy. Every change of verdict must come back as exactly one transition.
    /// </summary>
    [Theory]
    [InlineData(2, 3, "PP", "?+")]
    [InlineData(2, 3, "FFF", "??-")]
    [InlineData(2, 3, "PPFFFPP", "?+++--+")]
    [InlineData(2, 3, "PPFFPFFF", "?++++++-")]
    [InlineData(2, 3, "PFPFP", "?????")]
    [InlineData(2, 3, "FFFPFPP", "??----+")]
    [InlineData(2, 3, "SSS", "??-")]
    [InlineData(2, 3, "FSF", "??-")]
    [InlineData(2, 3, "PPSSPSS", "?++++++")]
    [InlineData(2, 3, "PPSSSPP", "?+++--+")]
    [InlineData(1, 1, "PFPF", "+-+-")]
    [InlineData(1, 1, "SP", "-+")]
    [InlineData(1, 2, "FPF", "?++")]
    [InlineData(3, 1, "FPPP", "---+")]
    [InlineData(2, 2, "PPPPPPFF", "?++++++-")]
    public void Report_Sequence_FollowsRiseAndFall(int rise, int fall, string steps, string verdicts)
    {
        var tracker = new UpstreamHealthTracker(new HealthPolicy(rise, fall));
        var transitions = 0;

        for (var i = 0; i < steps.Length; i++)
        {
            var before = tracker.Health;
            var transition = steps[i] switch
            {
                'P' => tracker.ReportProbe(ProbeResult.Passed),
                'F' => tracker.ReportProbe(s_timeout),
                _ => tracker.ReportPassiveFailure(HealthFailureReason.Timeout),
            };

            var expected = Verdict(verdicts[i]);
            Assert.True(expected == tracker.Health, $"step {i} ({steps[..(i + 1)]}): expected {expected}, got {tracker.Health}");
            if (expected == before)
            {
                Assert.Null(transition);
            }
            else
            {
                Assert.Equal((before, expected), (transition!.Value.Old, transition.Value.New));
                transitions++;
            }
        }

        Assert.Equal(verdicts.Zip("?" + verdicts).Count(pair => pair.First != pair.Second), transitions);
    }

    [Fact]
    public void ReportProbe_FallReached_ReasonIsTheLastFailure()
    {
        var tracker = new UpstreamHealthTracker(new HealthPolicy(2, 2));
        tracker.ReportProbe(ProbeResult.Failed(HealthFailureReason.Refused, "connection refused"));

        var transition = tracker.ReportProbe(s_timeout);

        Assert.Equal(new HealthTransition(UpstreamHealth.Unknown, UpstreamHealth.Unhealthy, "timeout: no reply within 1s"), transition);
    }

    [Fact]
    public void ReportProbe_RiseReached_ReasonCountsThePasses()
    {
        var tracker = new UpstreamHealthTracker(new HealthPolicy(2, 2), UpstreamHealth.Unhealthy);
        Assert.Null(tracker.ReportProbe(ProbeResult.Passed));

        var transition = tracker.ReportProbe(ProbeResult.Passed);

        Assert.Equal(new HealthTransition(UpstreamHealth.Unhealthy, UpstreamHealth.Healthy, "2 probes passed in a row"), transition);
    }

    [Fact]
    public void ReportPassiveFailure_FallReached_ReasonSaysPassive()
    {
        var tracker = new UpstreamHealthTracker(new HealthPolicy(1, 1), UpstreamHealth.Healthy);

        var transition = tracker.ReportPassiveFailure(HealthFailureReason.Timeout, "a session got no reply within 5s");

        Assert.Equal(new HealthTransition(UpstreamHealth.Healthy, UpstreamHealth.Unhealthy, "passive timeout: a session got no reply within 5s"), transition);
    }

    [Fact]
    public void Report_ManyResults_CountsStopAtRiseAndFall()
    {
        var tracker = new UpstreamHealthTracker(new HealthPolicy(2, 3));

        for (var i = 0; i < 10; i++)
        {
            tracker.ReportProbe(s_timeout);
        }

        Assert.Equal((3, 0), (tracker.ConsecutiveFailures, tracker.ConsecutivePasses));
        tracker.ReportProbe(ProbeResult.Passed);
        Assert.Equal((0, 1), (tracker.ConsecutiveFailures, tracker.ConsecutivePasses));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    public void HealthPolicy_CountBelowOne_Throws(int rise, int fall)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HealthPolicy(rise, fall));
    }

    private static UpstreamHealth Verdict(char symbol) => symbol switch
    {
        '+' => UpstreamHealth.Healthy,
        '-' => UpstreamHealth.Unhealthy,
        _ => UpstreamHealth.Unknown,
    };
}
