using System.Net;
using RelayCluster.Core.Configuration;
using RelayCluster.Testing.Memory;

namespace RelayCluster.Core.Tests.Configuration;

public class CidrRangeTests
{
    [Theory]
    [InlineData("203.0.113.0/24", "203.0.113.77", true)]
    [InlineData("203.0.113.0/24", "203.0.114.1", false)]
    [InlineData("203.0.113.0/24", "::ffff:203.0.113.9", true)]
    [InlineData("10.0.0.0/8", "2001:db8::1", false)]
    [InlineData("0.0.0.0/0", "198.51.100.1", true)]
    [InlineData("203.0.113.7", "203.0.113.7", true)]
    [InlineData("203.0.113.7", "203.0.113.8", false)]
    [InlineData("2001:db8::/32", "2001:db8:ffff::1", true)]
    [InlineData("2001:db8::/32", "2001:db9::1", false)]
    [InlineData("10.0.0.128/25", "10.0.0.200", true)]
    [InlineData("10.0.0.128/25", "10.0.0.100", false)]
    public void Contains_Address_MatchesThePrefix(string range, string address, bool expected)
    {
        Assert.True(CidrRange.TryParse(range, out var parsed, out var reason), reason);

        Assert.Equal(expected, parsed.Contains(IPAddress.Parse(address)));
        Assert.Equal(expected, parsed.Contains(IPAddress.Parse(address).GetAddressBytes()));
    }

    [Theory]
    [InlineData("10.0.0.0/")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("2001:db8::/129")]
    [InlineData("10.0.0/8")]
    [InlineData("10.0.0.1/8")]
    [InlineData("")]
    public void TryParse_BadRange_Fails(string text)
    {
        Assert.False(CidrRange.TryParse(text, out _, out var reason));
        Assert.NotEmpty(reason);
    }

    [Fact]
    public void IsAllowed_DenyAndAllow_DenyWins()
    {
        var access = new AccessConfig { Allow = [Parse("10.0.0.0/8")], Deny = [Parse("10.0.0.66")] };

        Assert.True(access.IsAllowed(IPAddress.Parse("10.1.2.3")));
        Assert.False(access.IsAllowed(IPAddress.Parse("10.0.0.66")));
        Assert.False(access.IsAllowed(IPAddress.Parse("192.0.2.1")));
        Assert.True(new AccessConfig().IsAllowed(IPAddress.Parse("192.0.2.1")));
    }

    [Theory]
    [InlineData("198.51.100.7", false)]
    [InlineData("10.9.8.7", true)]
    [InlineData("::ffff:10.9.8.7", true)]
    [InlineData("::ffff:10.0.0.66", false)]
    [InlineData("2001:db8::5", true)]
    [InlineData("2001:db9::5", false)]
    public void IsAllowed_SocketAddress_DecidesAsForTheIPAddressWithoutAllocating(string client, bool expected)
    {
        var access = new AccessConfig { Allow = [Parse("10.0.0.0/8"), Parse("2001:db8::/32")], Deny = [Parse("10.0.0.66")] };
        var address = new IPEndPoint(IPAddress.Parse(client), 27015).Serialize();
        var allowed = !expected;
        var allocated = Allocations.FewestBytes(3, () => allowed = access.IsAllowed(address));

        Assert.Equal(expected, allowed);
        Assert.Equal(expected, access.IsAllowed(IPAddress.Parse(client)));
        Assert.Equal(0, allocated);
    }

    private static CidrRange Parse(string text)
    {
        Assert.True(CidrRange.TryParse(text, out var range, out var reason), reason);
        return range;
    }
}
