using System.Buffers.Binary;
using System.Net;
using RelayCluster.Core.Configuration;
using RelayCluster.Testing.Time;

namespace RelayCluster.Core.Tests.Traffic;

public class ClientRateLimiterCapacityTests
{
    private const int Sources = 100_000;

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(1_000)]
    [InlineData(65_536)]
    public void TryAcquire_FloodOfDistinctSources_NeverTracksMoreThanCapacity(int capacity)
    {
        var limiter = ClientRateLimiterTests.Create(new RateLimitConfig { PacketsPerSecond = 10 }, new ManualTimeProvider(), capacity);
        Span<byte> address = stackalloc byte[4];

        foreach (var source in ShuffledSources(seed: 7))
        {
            BinaryPrimitives.WriteUInt32BigEndian(address, source);
            Assert.True(limiter.TryAcquire(address, 64));
            if (source % 1_024 == 0)
            {
                Assert.InRange(limiter.Count, 1, capacity);
            }
        }

        Assert.Equal(capacity, limiter.Count);
        Assert.Equal(Sources - capacity, limiter.Evictions);
    }

    [Fact]
    public void TryAcquire_FloodOfDistinctSources_ActiveClientKeepsItsBucket()
    {
        var limiter = ClientRateLimiterTests.Create(new RateLimitConfig { PacketsPerSecond = 10 }, new ManualTimeProvider(), capacity: 1_000);
        var active = IPAddress.Parse("2001:db8::77");
        Assert.Equal(10, ClientRateLimiterTests.TakeAll(limiter, active, bytes: 1));
        Span<byte> address = stackalloc byte[4];
        var sent = 0;

        foreach (var source in ShuffledSources(seed: 11))
        {
            BinaryPrimitives.WriteUInt32BigEndian(address, source);
            limiter.TryAcquire(address, 64);

            // Were its bucket evicted, the client would come back with a full one and pass.
            if (++sent % 20 == 0)
            {
                Assert.False(limiter.TryAcquire(active, 1), $"the active client got a fresh bucket after {sent} spoofed sources");
            }
        }

        Assert.Equal(1_000, limiter.Count);
    }

    [Fact]
    public void TryAcquire_FullTableWithIdleClients_ReusesTheirPlaceWithoutEvicting()
    {
        var clock = new ManualTimeProvider();
        var limiter = ClientRateLimiterTests.Create(new RateLimitConfig { PacketsPerSecond = 10 }, clock, capacity: 50);
        for (var i = 1; i <= 50; i++)
        {
            Assert.True(limiter.TryAcquire(IPAddress.Parse($"10.0.0.{i}"), 1));
        }

        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.True(limiter.TryAcquire(IPAddress.Parse("10.0.1.1"), 1));
        Assert.Equal(1, limiter.Evictions);

        clock.Advance(TimeSpan.FromSeconds(6));
        for (var i = 2; i <= 30; i++)
        {
            Assert.True(limiter.TryAcquire(IPAddress.Parse($"10.0.1.{i}"), 1));
        }

        Assert.Equal(1, limiter.Evictions);
        Assert.InRange(limiter.Count, 30, 50);
    }

    /// <summary>10.0.0.0 upward, one address per source, in a seeded random order.</summary>
    private static uint[] ShuffledSources(int seed)
    {
        var sources = new uint[Sources];
        for (var i = 0; i < Sources; i++)
        {
            sources[i] = 0x0A00_0000u + (uint)i;
        }

        new Random(seed).Shuffle(sources);
        return sources;
    }
}
