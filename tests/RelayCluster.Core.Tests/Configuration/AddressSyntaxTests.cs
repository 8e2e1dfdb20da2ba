using RelayCluster.Core.Configuration;

namespace RelayCluster.Core.Tests.Configuration;

public class AddressSyntaxTests
{
    [Theory]
    [InlineData("10.0.0.11:27015", "10.0.0.11", 27015)]
    [InlineData("[2001:db8::11]:27015", "2001:db8::11", 27015)]
    [InlineData("game-1.internal:27015", "game-1.internal", 27015)]
    [InlineData("localhost:1", "localhost", 1)]
    [InlineData("echo:65535", "echo", 65535)]
    public void TryParseHostPort_ValidUpstream_SplitsHostAndPort(string text, string host, int port)
    {
        Assert.True(AddressSyntax.TryParseHostPort(text, out var parsedHost, out var parsedPort, out var reason), reason);
        Assert.Equal((host, port), (parsedHost, parsedPort));
    }

    [Theory]
    [InlineData("10.0.0.11")]
    [InlineData("10.0.0.11:")]
    [InlineData(":80")]
    [InlineData("10.0.0.11:65536")]
    [InlineData("10.0.0.11:http")]
    [InlineData("2001:db8::11:80")]
    [InlineData("[2001:db8::11]80")]
    [InlineData("-bad.example:80")]
    [InlineData("1.2.3:80")]
    public void TryParseHostPort_BadUpstream_Fails(string text)
    {
        Assert.False(AddressSyntax.TryParseHostPort(text, out _, out _, out _));
    }

    [Theory]
    [InlineData("0.0.0.0:0", true)]
    [InlineData("[::]:27015", true)]
    [InlineData("[fe80::1%2]:27015", true)]
    [InlineData("127.0.0.1:7000", true)]
    [InlineData("1:7000", false)]
    [InlineData("localhost:7000", false)]
    [InlineData("[127.0.0.1]:7000", true)]
    public void TryParseEndPoint_Listen_AcceptsOnlyIPLiterals(string text, bool valid)
    {
        Assert.Equal(valid, AddressSyntax.TryParseEndPoint(text, out _, out _));
    }
}
