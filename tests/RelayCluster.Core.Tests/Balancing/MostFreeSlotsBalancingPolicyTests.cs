using System.Net;
using RelayCluster.Core.Balancing;
using RelayCluster.Core.Upstreams;

namespace RelayCluster.Core.Tests.Balancing;

public class MostFreeSlotsBalancingPolicyTests
{
    private static readonly IBalancingPolicy s_policy = Policy();

    [Fact]
    public void Pick_ReportedCapacities_TakesTheMostFreeSlots()
    {
        var upstreams = TestUpstreams.Equal(3);
        upstreams[0].ReportCapacity(new UpstreamCapacity(30, 32));
        upstreams[1].ReportCapacity(new UpstreamCapacity(10, 32));
        upstreams[2].ReportCapacity(new UpstreamCapacity(20, 32));

        Assert.Same(upstreams[1], Pick(upstreams));
    }

    [Fact]
    public void Pick_FullServer_NeverPickedAndNoneWhenAllAreFull()
    {
        var upstreams = TestUpstreams.Equal(2);
        upstreams[0].ReportCapacity(new UpstreamCapacity(16, 16));
        upstreams[1].ReportCapacity(new UpstreamCapacity(31, 32));

        Assert.Same(upstreams[1], Pick(upstreams));
        upstreams[1].SessionOpened();

        Assert.Null(Pick(upstreams));
    }

    [Fact]
    public void Pick_BurstBetweenReports_CountsTheSessionsOpenedSince()
    {
        var upstreams = TestUpstreams.Equal(2);
        upstreams[0].ReportCapacity(new UpstreamCapacity(0, 8));
        upstreams[1].ReportCapacity(new UpstreamCapacity(4, 8));
        var picks = new int[2];

        for (var i = 0; i < 12; i++)
        {
            var upstream = Pick(upstreams, i)!;
            upstream.SessionOpened();
            picks[Array.IndexOf(upstreams, upstream)]++;
        }

        // 8 + 4 free slots: the emptier server fills to level, then both fill together, and nothing is overfilled.
        Assert.Equal([8, 4], picks);
        Assert.Null(Pick(upstreams));
        Assert.Equal(0, upstreams[0].FreeSlots);
    }

    [Fact]
    public void Pick_NewReport_ReplacesTheEstimate()
    {
        var upstream = TestUpstreams.Create("10.0.0.1:27015");
        upstream.ReportCapacity(new UpstreamCapacity(0, 4));
        TestUpstreams.OpenSessions(upstream, 3);
        Assert.Equal(1, upstream.FreeSlots);

        upstream.ReportCapacity(new UpstreamCapacity(1, 4));

        Assert.Equal(3, upstream.FreeSlots);
        Assert.Equal(new UpstreamCapacity(1, 4), upstream.Capacity);
    }

    [Fact]
    public void Pick_EqualFreeSlots_FallsBackToLeastSessions()
    {
        var upstreams = TestUpstreams.Equal(2);
        TestUpstreams.OpenSessions(upstreams[0], 3);
        upstreams[0].ReportCapacity(new UpstreamCapacity(5, 20));
        upstreams[1].ReportCapacity(new UpstreamCapacity(5, 20));

        Assert.Same(upstreams[1], Pick(upstreams));
    }

    [Fact]
    public void Pick_UnreportedServer_ComesAfterEveryServerWithAFreeSlot()
    {
        var upstreams = TestUpstreams.Equal(2);
        upstreams[1].ReportCapacity(new UpstreamCapacity(31, 32));

        Assert.Same(upstreams[1], Pick(upstreams));
        upstreams[1].SessionOpened();

        Assert.Same(upstreams[0], Pick(upstreams));
    }

    [Fact]
    public void Names_ListMostFreeSlots()
    {
        Assert.Contains(BalancingPolicies.MostFreeSlots, BalancingPolicies.Names);
        Assert.Equal(BalancingPolicies.MostFreeSlots, s_policy.Name);
    }

    private static UpstreamState? Pick(UpstreamState[] upstreams, int seed = 0) =>
        UpstreamPicker.Pick(s_policy, new BalancingContext(new BalancingState(), IPAddress.Loopback, random: new Random(seed)), upstreams);

    private static IBalancingPolicy Policy()
    {
        Assert.True(BalancingPolicies.TryGet(BalancingPolicies.MostFreeSlots, out var policy));
        return policy;
    }
}
