using System.Net;
using RelayCluster.Core.Upstreams;

namespace RelayCluster.Core.Tests.Upstreams;

public class UpstreamStateTests
{
    [Fact]
    public void Constructor_Defaults_EnabledUnknownAndAvailable()
    {
        var upstream = new UpstreamState("game-1.example:27015", new IPEndPoint(IPAddress.Parse("10.0.0.1"), 27015), weight: 3);

        Assert.Equal("game-1.example:27015", upstream.Address);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.0.0.1"), 27015), upstream.EndPoint);
        Assert.Equal(3, upstream.Weight);
        Assert.Equal(0, upstream.ActiveSessions);
        Assert.Equal(0, upstream.ClusterSessions);
        Assert.Equal(UpstreamHealth.Unknown, upstream.Health);
        Assert.Equal(UpstreamAdminState.Enabled, upstream.AdminState);
        Assert.True(upstream.IsAvailable);
        Assert.Equal("game-1.example:27015", upstream.ToString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Constructor_WeightBelowOne_Throws(int weight)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new UpstreamState("10.0.0.1:1", IPEndPoint.Parse("10.0.0.1:1"), weight));
    }

    [Fact]
    public void Constructor_EmptyAddress_Throws()
    {
        Assert.Throws<ArgumentException>(() => new UpstreamState("", IPEndPoint.Parse("10.0.0.1:1")));
    }

    [Theory]
    [InlineData(UpstreamHealth.Unknown, UpstreamAdminState.Enabled, true)]
    [InlineData(UpstreamHealth.Healthy, UpstreamAdminState.Enabled, true)]
    [InlineData(UpstreamHealth.Unhealthy, UpstreamAdminState.Enabled, false)]
    [InlineData(UpstreamHealth.Unknown, UpstreamAdminState.Draining, false)]
    [InlineData(UpstreamHealth.Healthy, UpstreamAdminState.Draining, false)]
    [InlineData(UpstreamHealth.Unhealthy, UpstreamAdminState.Draining, false)]
    [InlineData(UpstreamHealth.Unknown, UpstreamAdminState.Disabled, false)]
    [InlineData(UpstreamHealth.Healthy, UpstreamAdminState.Disabled, false)]
    [InlineData(UpstreamHealth.Unhealthy, UpstreamAdminState.Disabled, false)]
    public void IsAvailable_HealthAndAdminState_OnlyEnabledAndNotUnhealthy(UpstreamHealth health, UpstreamAdminState adminState, bool expected)
    {
        var upstream = new UpstreamState("10.0.0.1:1", IPEndPoint.Parse("10.0.0.1:1"))
        {
            Health = health,
            AdminState = adminState,
        };

        Assert.Equal(expected, upstream.IsAvailable);
    }

    [Fact]
    public void SessionOpenedAndClosed_FromManyThreads_CountsExactly()
    {
        var upstream = new UpstreamState("10.0.0.1:1", IPEndPoint.Parse("10.0.0.1:1"));

        Parallel.For(0, 20_000, _ => upstream.SessionOpened());
        Assert.Equal(20_000, upstream.ActiveSessions);

        Parallel.For(0, 20_000, _ => upstream.SessionClosed());
        Assert.Equal(0, upstream.ActiveSessions);
    }

    [Fact]
    public void ClusterSessions_Set_ReadsBack()
    {
        var upstream = new UpstreamState("10.0.0.1:1", IPEndPoint.Parse("10.0.0.1:1"))
        {
            ClusterSessions = 5_000_000_000,
        };

        Assert.Equal(5_000_000_000, upstream.ClusterSessions);
        Assert.Equal(0, upstream.ActiveSessions);
    }
}
