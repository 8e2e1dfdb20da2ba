using RelayCluster.Core.Balancing;
using RelayCluster.Core.Upstreams;

namespace RelayCluster.Core.Tests.Balancing;

public class LeastSessionsBalancingPolicyTests
{
    private readonly LeastSessionsBalancingPolicy _policy = new();

    [Fact]
    public void Pick_RandomLoadsAndWeights_PicksLeastLoadedPerWeight()
    {
        var random = new Random(1234);

        for (var round = 0; round < 2_000; round++)
        {
            var upstreams = RandomlyLoaded(random, out _);
            var context = TestUpstreams.Context(random);

            var picked = _policy.Pick(context, upstreams);

            Assert.All(upstreams, upstream => Assert.True(context.CompareLoad(picked, upstream) <= 0));
        }
    }

    [Fact]
    public void Pick_RandomLoads_NeverPicksBusiest()
    {
        var random = new Random(99);

        for (var round = 0; round < 2_000; round++)
        {
            var upstreams = RandomlyLoaded(random, out var busiest, equalWeights: true);

            Assert.NotSame(busiest, _policy.Pick(TestUpstreams.Context(random), upstreams));
        }
    }

    [Fact]
    public void Pick_SessionsOpenedOnEachPick_FillsByWeight()
    {
        var upstreams = TestUpstreams.Create(1, 3, 4);
        var context = TestUpstreams.Context(new Random(7));

        for (var i = 0; i < 800; i++)
        {
            _policy.Pick(context, upstreams).SessionOpened();
        }

        Assert.Equal([100, 300, 400], upstreams.Select(upstream => upstream.ActiveSessions));
    }

    [Fact]
    public void Pick_AllIdle_BreaksTiesRandomlyByWeight()
    {
        var upstreams = TestUpstreams.Create(1, 3);
        var context = TestUpstreams.Context(new Random(42));

        var heavier = Enumerable.Range(0, 10_000).Count(_ => _policy.Pick(context, upstreams) == upstreams[1]);

        Assert.InRange(heavier, 7_200, 7_800);
    }

    [Theory]
    [InlineData(LoadScope.Node, 0)]
    [InlineData(LoadScope.Cluster, 1)]
    public void Pick_LoadScope_CountsClusterSessionsOnlyForCluster(LoadScope scope, int expected)
    {
        var upstreams = TestUpstreams.Equal(2);
        TestUpstreams.OpenSessions(upstreams[0], 1);
        upstreams[0].ClusterSessions = 10;
        TestUpstreams.OpenSessions(upstreams[1], 5);

        Assert.Same(upstreams[expected], _policy.Pick(TestUpstreams.Context(new Random(1), scope: scope), upstreams));
    }

    /// <summary>2 to 8 upstreams with random sessions and a single busiest upstream (by sessions/weight).</summary>
    internal static UpstreamState[] RandomlyLoaded(Random random, out UpstreamState busiest, bool equalWeights = false)
    {
        var weights = Enumerable.Range(0, random.Next(2, 9)).Select(_ => equalWeights ? 1 : random.Next(1, 5)).ToArray();
        var upstreams = TestUpstreams.Create(weights);
        foreach (var upstream in upstreams)
        {
            TestUpstreams.OpenSessions(upstream, random.Next(0, 20) * upstream.Weight);
        }

        var context = TestUpstreams.Context();
        busiest = upstreams.Aggregate((left, right) => context.CompareLoad(left, right) >= 0 ? left : right);
        TestUpstreams.OpenSessions(busiest, busiest.Weight);
        return upstreams;
    }
}
