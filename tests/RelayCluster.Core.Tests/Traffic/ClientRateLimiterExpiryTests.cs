using System.Net;
using RelayCluster.Core.Configuration;
using RelayCluster.Testing.Time;

namespace RelayCluster.Core.Tests.Traffic;

public class ClientRateLimiterExpiryTests
{
    private static readonly IPAddress s_client = IPAddress.Parse("203.0.113.7");

    [Fact]
    public void RemoveIdle_ClientSilentForTheExpiry_DropsIt()
    {
        var clock = new ManualTimeProvider();
        var limiter = ClientRateLimiterTests.Create(new RateLimitConfig { PacketsPerSecond = 10 }, clock);
        limiter.TryAcquire(s_client, 1);

        clock.Advance(TimeSpan.FromSeconds(9.9));
        Assert.Equal(0, limiter.RemoveIdle());
        Assert.Equal(1, limiter.Count);

        clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(1, limiter.RemoveIdle());
        Assert.Equal(0, limiter.Count);
        Assert.Equal(0, limiter.Evictions);
    }

    [Fact]
    public void RemoveIdle_ClientStillSending_KeepsIt()
    {
        var clock = new ManualTimeProvider();
        var limiter = ClientRateLimiterTests.Create(new RateLimitConfig { PacketsPerSecond = 10 }, clock);

        for (var second = 0; second < 30; second++)
        {
            limiter.TryAcquire(s_client, 1);
            clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(0, limiter.RemoveIdle());
        }

        Assert.Equal(1, limiter.Count);
    }

    [Fact]
    public void TryAcquire_LaterTraffic_SweepsIdleClients()
    {
        var clock = new ManualTimeProvider();

        // Below 128 clients the table is one stripe, so any client's traffic sweeps all of it.
        var limiter = ClientRateLimiterTests.Create(new RateLimitConfig { PacketsPerSecond = 10 }, clock, capacity: 100);
        for (var i = 1; i <= 40; i++)
        {
            limiter.TryAcquire(IPAddress.Parse($"10.0.0.{i}"), 1);
        }

        clock.Advance(TimeSpan.FromSeconds(16));
        limiter.TryAcquire(s_client, 1);

        Assert.Equal(1, limiter.Count);
    }

    [Fact]
    public void RemoveIdle_BucketStillRefilling_WaitsUntilItIsFull()
    {
        var clock = new ManualTimeProvider();

        // 100 packets deep at 1 a second: dropping it after 10 s would hand back 90 packets early.
        var limiter = ClientRateLimiterTests.Create(new RateLimitConfig { PacketsPerSecond = 1, Burst = 100 }, clock);
        Assert.Equal(100, ClientRateLimiterTests.TakeAll(limiter, s_client, bytes: 1));

        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(0, limiter.RemoveIdle());
        Assert.Equal(20, ClientRateLimiterTests.TakeAll(limiter, s_client, bytes: 1));

        clock.Advance(TimeSpan.FromSeconds(100));
        Assert.Equal(1, limiter.RemoveIdle());
    }
}
