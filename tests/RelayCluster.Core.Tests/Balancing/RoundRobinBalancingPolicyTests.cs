using System.Text;
using RelayCluster.Core.Balancing;
using RelayCluster.Core.Upstreams;

namespace RelayCluster.Core.Tests.Balancing;

public class RoundRobinBalancingPolicyTests
{
    private readonly RoundRobinBalancingPolicy _policy = new();

    [Theory]
    [InlineData("5,1,1", "aabacaa" + "aabacaa")] // the sequence nginx documents for smooth weighted round-robin
    [InlineData("1,1,1", "abcabcabc")]
    [InlineData("1,1", "abab")]
    [InlineData("2,1", "abaaba")]
    [InlineData("1,2", "babbab")]
    [InlineData("3,2", "abab" + "a" + "abab" + "a")]
    public void Pick_Weights_FollowsSmoothSequence(string weights, string expected)
    {
        var upstreams = TestUpstreams.Create(TestUpstreams.ParseWeights(weights));
        var context = TestUpstreams.Context();

        var sequence = new StringBuilder();
        for (var i = 0; i < expected.Length; i++)
        {
            var picked = _policy.Pick(context, upstreams);
            sequence.Append((char)('a' + Array.IndexOf(upstreams, picked)));
        }

        Assert.Equal(expected, sequence.ToString());
    }

    [Fact]
    public void Pick_ManyRounds_SharesExactlyByWeight()
    {
        var upstreams = TestUpstreams.Create(3, 2, 1);
        var context = TestUpstreams.Context();

        var counts = Count(upstreams, 600, () => _policy.Pick(context, upstreams));

        Assert.Equal([300, 200, 100], counts);
    }

    [Fact]
    public void Pick_FromManyThreads_SharesExactlyByWeight()
    {
        var upstreams = TestUpstreams.Create(3, 2, 1);
        var context = TestUpstreams.Context();
        var counts = new int[upstreams.Length];

        Parallel.For(0, 6_000, _ =>
        {
            var picked = _policy.Pick(context, upstreams);
            Interlocked.Increment(ref counts[Array.IndexOf(upstreams, picked)]);
        });

        Assert.Equal([3_000, 2_000, 1_000], counts);
    }

    [Fact]
    public void Pick_TwoRulesShareThePolicy_EachKeepsItsOwnSequence()
    {
        var first = TestUpstreams.Create(1, 1);
        var second = TestUpstreams.Create(1, 1);
        var firstContext = TestUpstreams.Context();
        var secondContext = TestUpstreams.Context();

        Assert.Same(first[0], _policy.Pick(firstContext, first));
        Assert.Same(second[0], _policy.Pick(secondContext, second));
        Assert.Same(first[1], _policy.Pick(firstContext, first));
        Assert.Same(second[1], _policy.Pick(secondContext, second));
    }

    [Fact]
    public void Pick_UpstreamLeavesAndReturns_OthersShareWhileItIsAway()
    {
        var upstreams = TestUpstreams.Create(1, 1, 1);
        var context = TestUpstreams.Context();
        UpstreamState[] withoutLast = [upstreams[0], upstreams[1]];

        var whileAway = Count(upstreams, 100, () => _policy.Pick(context, withoutLast));
        var afterReturn = Count(upstreams, 300, () => _policy.Pick(context, upstreams));

        Assert.Equal([50, 50, 0], whileAway);
        Assert.Equal([100, 100, 100], afterReturn);
    }

    private static int[] Count(UpstreamState[] upstreams, int picks, Func<UpstreamState> pick)
    {
        var counts = new int[upstreams.Length];
        for (var i = 0; i < picks; i++)
        {
            counts[Array.IndexOf(upstreams, pick())]++;
        }

        return counts;
    }
}
