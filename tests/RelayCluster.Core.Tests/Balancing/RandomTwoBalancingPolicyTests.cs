using RelayCluster.Core.Balancing;

namespace RelayCluster.Core.Tests.Balancing;

public class RandomTwoBalancingPolicyTests
{
    private readonly RandomTwoBalancingPolicy _policy = new();

    [Theory]
    [InlineData(1, 0, 1, 1, 0)]
    [InlineData(1, 5, 1, 2, 1)]
    [InlineData(1, 1, 4, 2, 1)] // 2/4 sessions per weight is less than 1/1
    [InlineData(3, 7, 1, 2, 1)] // 7/3 is more than 2/1
    [InlineData(2, 3, 1, 2, 0)] // 3/2 is less than 2/1
    public void Pick_TwoUpstreams_AlwaysTheLessLoadedPerWeight(int firstWeight, int firstSessions, int secondWeight, int secondSessions, int expected)
    {
        var upstreams = TestUpstreams.Create(firstWeight, secondWeight);
        TestUpstreams.OpenSessions(upstreams[0], firstSessions);
        TestUpstreams.OpenSessions(upstreams[1], secondSessions);
        var context = TestUpstreams.Context(new Random(5));

        for (var i = 0; i < 1_000; i++)
        {
            Assert.Same(upstreams[expected], _policy.Pick(context, upstreams));
        }
    }

    [Fact]
    public void Pick_RandomLoads_NeverPicksBusiest()
    {
        var random = new Random(2024);

        for (var round = 0; round < 5_000; round++)
        {
            var upstreams = LeastSessionsBalancingPolicyTests.RandomlyLoaded(random, out var busiest);

            Assert.NotSame(busiest, _policy.Pick(TestUpstreams.Context(random), upstreams));
        }
    }

    [Fact]
    public void Pick_EqualLoads_DrawsByWeight()
    {
        var upstreams = TestUpstreams.Create(1, 1, 2);
        var context = TestUpstreams.Context(new Random(11));
        var counts = new int[upstreams.Length];

        for (var i = 0; i < 10_000; i++)
        {
            counts[Array.IndexOf(upstreams, _policy.Pick(context, upstreams))]++;
        }

        Assert.InRange(counts[0], 2_200, 2_800);
        Assert.InRange(counts[1], 2_200, 2_800);
        Assert.InRange(counts[2], 4_700, 5_300);
    }

    [Fact]
    public void Pick_SessionsOpenedOnEachPick_StaysEven()
    {
        var upstreams = TestUpstreams.Equal(5);
        var context = TestUpstreams.Context(new Random(3));

        for (var i = 0; i < 1_000; i++)
        {
            _policy.Pick(context, upstreams).SessionOpened();
        }

        Assert.All(upstreams, upstream => Assert.InRange(upstream.ActiveSessions, 190, 210));
    }
}
