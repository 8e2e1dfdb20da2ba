using System.Net;
using System.Text;
using RelayCluster.Core.Balancing;

namespace RelayCluster.Core.Tests.Balancing;

public class StableHashTests
{
    [Theory]
    [InlineData("", 0xcbf29ce484222325UL)]
    [InlineData("a", 0xaf63dc4c8601ec8cUL)]
    [InlineData("foobar", 0x85944171f73967e8UL)]
    public void Fnv1a_PublishedVectors_Match(string text, ulong expected)
    {
        Assert.Equal(expected, StableHash.Fnv1a(Encoding.ASCII.GetBytes(text)));
    }

    // Pinned (values checked against an independent FNV-1a + fmix64 implementation): a different
    // value would send clients to other upstreams after an upgrade, and nodes of mixed versions
    // would disagree about every client.
    [Theory]
    [InlineData("10.0.0.1:27015", 0x079063fd8fbb2f78UL)]
    [InlineData("game-1.example:27015", 0x4ee4aafc3f7bf9b6UL)]
    public void Hash_Address_IsPinned(string address, ulong expected)
    {
        Assert.Equal(expected, StableHash.Hash(address));
    }

    [Theory]
    [InlineData("203.0.113.7", 0x51b5564c27e4449aUL)]
    [InlineData("::ffff:203.0.113.7", 0x51b5564c27e4449aUL)]
    [InlineData("2001:db8::1", 0x8dec2b2d0b0e530fUL)]
    public void Hash_ClientAddress_IsPinned(string address, ulong expected)
    {
        Assert.Equal(expected, StableHash.Hash(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(ulong.MaxValue)]
    [InlineData(0x8000000000000000UL)]
    public void ToUnitInterval_Extremes_StrictlyBetweenZeroAndOne(ulong value)
    {
        var unit = StableHash.ToUnitInterval(value);

        Assert.True(unit > 0 && unit < 1, $"{unit} is not in (0, 1)");
    }
}
