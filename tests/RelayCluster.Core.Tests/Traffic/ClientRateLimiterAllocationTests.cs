using System.Net;
using RelayCluster.Core.Configuration;
using RelayCluster.Core.Traffic;
using RelayCluster.Testing.Memory;
using RelayCluster.Testing.Time;

namespace RelayCluster.Core.Tests.Traffic;

public class ClientRateLimiterAllocationTests
{
    private const int Calls = 10_000;
    private static readonly RateLimitConfig s_limits = new() { PacketsPerSecond = 1_000, BytesPerSecond = 1_000_000 };

    [Theory]
    [InlineData("203.0.113.7")]
    [InlineData("::ffff:203.0.113.7")]
    [InlineData("2001:db8::7")]
    public void TryAcquire_IPAddressOfTrackedClient_DoesNotAllocate(string address)
    {
        var limiter = ClientRateLimiterTests.Create(s_limits, new ManualTimeProvider());
        var client = IPAddress.Parse(address);

        Assert.Equal(0, AllocatedBy(() => limiter.TryAcquire(client, 64)));
    }

    [Theory]
    [InlineData("203.0.113.7")]
    [InlineData("2001:db8::7")]
    public void TryAcquire_SocketAddressOfTrackedClient_DoesNotAllocate(string address)
    {
        var limiter = ClientRateLimiterTests.Create(s_limits, new ManualTimeProvider());
        var client = new IPEndPoint(IPAddress.Parse(address), 27005).Serialize();

        Assert.Equal(0, AllocatedBy(() => limiter.TryAcquire(client, 64)));
    }

    [Fact]
    public void TryAcquire_AddressBytesOfTrackedClient_DoesNotAllocate()
    {
        var limiter = new ClientRateLimiter(s_limits);
        var client = new byte[] { 203, 0, 113, 7 };

        Assert.Equal(0, AllocatedBy(() => limiter.TryAcquire(client, 64)));
    }

    [Fact]
    public void TryAcquire_LimitsOff_DoesNotAllocate()
    {
        var limiter = ClientRateLimiterTests.Create(new RateLimitConfig(), new ManualTimeProvider());
        var client = IPAddress.Parse("203.0.113.7");

        Assert.Equal(0, AllocatedBy(() => limiter.TryAcquire(client, 64)));
    }

    /// <summary>Fewest bytes allocated on this thread by <see cref="Calls"/> calls, over rounds after the first has tracked the client.</summary>
    private static long AllocatedBy(Func<bool> call) => Allocations.FewestBytes(3, () =>
    {
        for (var i = 0; i < Calls; i++)
        {
            call();
        }
    });
}
