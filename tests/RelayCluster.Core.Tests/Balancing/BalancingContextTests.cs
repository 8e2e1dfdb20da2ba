using System.Net;
using RelayCluster.Core.Balancing;

namespace RelayCluster.Core.Tests.Balancing;

public class BalancingContextTests
{
    [Theory]
    [InlineData(1, 1, 1, 1, 0)]
    [InlineData(1, 0, 1, 1, -1)]
    [InlineData(2, 3, 1, 2, -1)] // 1.5 < 2
    [InlineData(3, 1, 2, 1, -1)] // 0.33 < 0.5, where integer division would call them equal
    [InlineData(4, 8, 2, 4, 0)]
    [InlineData(1, 5, 5, 20, 1)]
    public void CompareLoad_SessionsPerWeight_ComparesExactly(int leftWeight, int leftSessions, int rightWeight, int rightSessions, int expected)
    {
        var upstreams = TestUpstreams.Create(leftWeight, rightWeight);
        TestUpstreams.OpenSessions(upstreams[0], leftSessions);
        TestUpstreams.OpenSessions(upstreams[1], rightSessions);

        Assert.Equal(expected, Math.Sign(TestUpstreams.Context().CompareLoad(upstreams[0], upstreams[1])));
    }

    [Fact]
    public void CompareLoad_HugeClusterCounts_DoesNotOverflow()
    {
        var upstreams = TestUpstreams.Create(int.MaxValue, 1);
        upstreams[0].ClusterSessions = long.MaxValue / 2;
        upstreams[1].ClusterSessions = long.MaxValue / 4;

        Assert.True(TestUpstreams.Context(scope: LoadScope.Cluster).CompareLoad(upstreams[0], upstreams[1]) < 0);
    }

    [Theory]
    [InlineData(LoadScope.Node, 3)]
    [InlineData(LoadScope.Cluster, 10)]
    public void SessionsOf_LoadScope_AddsClusterSessionsOnlyForCluster(LoadScope scope, long expected)
    {
        var upstream = TestUpstreams.Create("10.0.0.1:1");
        TestUpstreams.OpenSessions(upstream, 3);
        upstream.ClusterSessions = 7;

        Assert.Equal(expected, TestUpstreams.Context(scope: scope).SessionsOf(upstream));
    }

    [Fact]
    public void Default_StateOrClient_Throws()
    {
        var context = default(BalancingContext);

        Assert.Throws<InvalidOperationException>(() => context.State);
        Assert.Throws<InvalidOperationException>(() => context.ClientAddress);
        Assert.Same(Random.Shared, context.Random);
    }

    [Fact]
    public void Constructor_GivenValues_ReadsBack()
    {
        var state = new BalancingState();
        var random = new Random(1);
        var context = new BalancingContext(state, IPAddress.IPv6Loopback, LoadScope.Cluster, random);

        Assert.Same(state, context.State);
        Assert.Equal(IPAddress.IPv6Loopback, context.ClientAddress);
        Assert.Equal(LoadScope.Cluster, context.LoadScope);
        Assert.Same(random, context.Random);
    }
}
