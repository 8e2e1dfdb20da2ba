using System.Net;
using RelayCluster.Core.Configuration;
using RelayCluster.Core.Traffic;
using RelayCluster.Testing.Time;

namespace RelayCluster.Core.Tests.Traffic;

public class ClientRateLimiterTests
{
    private static readonly IPAddress s_client = IPAddress.Parse("203.0.113.7");
    private static readonly IPAddress s_other = IPAddress.Parse("198.51.100.9");

    [Fact]
    public void TryAcquire_OfferedFasterThanTheRate_PassesBurstPlusRateOverFiveSeconds()
    {
        var clock = new ManualTimeProvider();
        var limiter = Create(new RateLimitConfig { PacketsPerSecond = 100 }, clock);

        // 1,000 datagrams a second offered against 100 allowed, for 5 simulated seconds.
        var passed = Offer(limiter, clock, s_client, bytes: 64, perSecond: 1_000, TimeSpan.FromSeconds(5));

        Assert.InRange(passed, 100 + 500 - 1, 100 + 500 + 1);
    }

    [Fact]
    public void TryAcquire_Burst_SetsTheDepthOfThePacketBucket()
    {
        var clock = new ManualTimeProvider();
        var limiter = Create(new RateLimitConfig { PacketsPerSecond = 10, Burst = 3 }, clock);

        Assert.Equal(3, TakeAll(limiter, s_client, bytes: 1));
        clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(1, TakeAll(limiter, s_client, bytes: 1));
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(3, TakeAll(limiter, s_client, bytes: 1));
    }

    [Fact]
    public void TryAcquire_BurstZero_AllowsOneSecondsWorthAtOnce()
    {
        var limiter = Create(new RateLimitConfig { PacketsPerSecond = 50 }, new ManualTimeProvider());

        Assert.Equal(50, TakeAll(limiter, s_client, bytes: 1));
    }

    [Fact]
    public void TryAcquire_BytesPerSecond_LimitsBytesOverFiveSeconds()
    {
        var clock = new ManualTimeProvider();
        var limiter = Create(new RateLimitConfig { BytesPerSecond = 10_000 }, clock);

        // 100-byte datagrams: a second's worth is 100 of them, and the bucket starts with one second's worth.
        var passed = Offer(limiter, clock, s_client, bytes: 100, perSecond: 1_000, TimeSpan.FromSeconds(5));

        Assert.InRange(passed, 100 + 500 - 1, 100 + 500 + 1);
    }

    [Fact]
    public void TryAcquire_OverTheByteLimit_TakesNoPacket()
    {
        var clock = new ManualTimeProvider();
        var limiter = Create(new RateLimitConfig { PacketsPerSecond = 2, BytesPerSecond = 1_000 }, clock);

        Assert.True(limiter.TryAcquire(s_client, 900));
        Assert.False(limiter.TryAcquire(s_client, 200));

        // The refused datagram took neither a packet nor bytes: one packet and 100 bytes are left.
        Assert.True(limiter.TryAcquire(s_client, 100));
        Assert.False(limiter.TryAcquire(s_client, 0));
    }

    [Fact]
    public void TryAcquire_OverThePacketLimit_TakesNoBytes()
    {
        var limiter = Create(new RateLimitConfig { PacketsPerSecond = 1, BytesPerSecond = 1_000 }, new ManualTimeProvider());

        Assert.True(limiter.TryAcquire(s_client, 500));
        Assert.False(limiter.TryAcquire(s_client, 500));
        Assert.False(limiter.TryAcquire(s_client, 1));
    }

    [Fact]
    public void TryAcquire_TwoClients_HaveIndependentBuckets()
    {
        var limiter = Create(new RateLimitConfig { PacketsPerSecond = 5 }, new ManualTimeProvider());

        Assert.Equal(5, TakeAll(limiter, s_client, bytes: 1));
        Assert.Equal(5, TakeAll(limiter, s_other, bytes: 1));
        Assert.Equal(2, limiter.Count);
    }

    [Fact]
    public void TryAcquire_LimitsOff_AlwaysPassesAndTracksNobody()
    {
        var limiter = Create(new RateLimitConfig { Burst = 5 }, new ManualTimeProvider());

        for (var i = 0; i < 10_000; i++)
        {
            Assert.True(limiter.TryAcquire(s_client, 65_000));
        }

        Assert.Equal(0, limiter.Count);
    }

    [Theory]
    [InlineData("203.0.113.7", "::ffff:203.0.113.7")]
    [InlineData("::ffff:10.1.2.3", "10.1.2.3")]
    public void TryAcquire_IPv4AndMappedIPv6_ShareOneBucket(string first, string second)
    {
        var limiter = Create(new RateLimitConfig { PacketsPerSecond = 4 }, new ManualTimeProvider());

        Assert.Equal(4, TakeAll(limiter, IPAddress.Parse(first), bytes: 1));
        Assert.False(limiter.TryAcquire(IPAddress.Parse(second), 1));
        Assert.Equal(1, limiter.Count);
    }

    [Fact]
    public void TryAcquire_DifferentIPv6Addresses_AreDifferentClients()
    {
        var limiter = Create(new RateLimitConfig { PacketsPerSecond = 1 }, new ManualTimeProvider());

        Assert.True(limiter.TryAcquire(IPAddress.Parse("2001:db8::1"), 1));
        Assert.True(limiter.TryAcquire(IPAddress.Parse("2001:db8::2"), 1));
        Assert.True(limiter.TryAcquire(IPAddress.Parse("::ffff:0:1"), 1));
        Assert.False(limiter.TryAcquire(IPAddress.Parse("2001:db8::1"), 1));
    }

    [Theory]
    [InlineData("203.0.113.7", 27015)]
    [InlineData("::ffff:203.0.113.7", 1)]
    [InlineData("2001:db8::7", 65535)]
    public void TryAcquire_AllOverloads_ShareTheClientsBucket(string address, int port)
    {
        var limiter = Create(new RateLimitConfig { PacketsPerSecond = 3 }, new ManualTimeProvider());
        var ip = IPAddress.Parse(address);

        Assert.True(limiter.TryAcquire(ip, 1));
        Assert.True(limiter.TryAcquire(new IPEndPoint(ip, port).Serialize(), 1));
        Assert.True(limiter.TryAcquire(ip.GetAddressBytes(), 1));
        Assert.False(limiter.TryAcquire(ip.MapToIPv6().GetAddressBytes(), 1));
        Assert.Equal(1, limiter.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(15)]
    public void TryAcquire_AddressOfWrongLength_Throws(int length)
    {
        var limiter = Create(new RateLimitConfig { PacketsPerSecond = 1 }, new ManualTimeProvider());

        Assert.Throws<ArgumentException>(() => limiter.TryAcquire(new byte[length], 1));
    }

    [Fact]
    public void Constructor_BadArguments_Throw()
    {
        var config = new RateLimitConfig { PacketsPerSecond = 1 };
        var clock = new ManualTimeProvider();

        Assert.Throws<ArgumentOutOfRangeException>(() => new ClientRateLimiter(config, 0, TimeSpan.FromSeconds(1), clock));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClientRateLimiter(config, 10, TimeSpan.Zero, clock));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClientRateLimiter(new RateLimitConfig { PacketsPerSecond = -1 }));
        Assert.Throws<ArgumentNullException>(() => new ClientRateLimiter(config, 10, TimeSpan.FromSeconds(1), null!));
    }

    internal static ClientRateLimiter Create(RateLimitConfig config, ManualTimeProvider clock, int capacity = 1_000) =>
        new(config, capacity, TimeSpan.FromSeconds(10), clock);

    internal static int TakeAll(ClientRateLimiter limiter, IPAddress client, int bytes)
    {
        var taken = 0;
        while (limiter.TryAcquire(client, bytes))
        {
            taken++;
        }

        return taken;
    }

    private static int Offer(ClientRateLimiter limiter, ManualTimeProvider clock, IPAddress client, int bytes, int perSecond, TimeSpan duration)
    {
        var step = TimeSpan.FromSeconds(1.0 / perSecond);
        var passed = 0;
        for (var sent = 0; sent < perSecond * duration.TotalSeconds; sent++)
        {
            if (limiter.TryAcquire(client, bytes))
            {
                passed++;
            }

            clock.Advance(step);
        }

        return passed;
    }
}
