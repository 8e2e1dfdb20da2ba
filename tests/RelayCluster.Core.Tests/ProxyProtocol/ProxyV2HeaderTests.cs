using System.Net;
using System.Net.Sockets;
using RelayCluster.Core.ProxyProtocol;
using RelayCluster.Testing.Memory;

namespace RelayCluster.Core.Tests.ProxyProtocol;

public class ProxyV2HeaderTests
{
    public static TheoryData<string, string, ProxyTransport, string> Headers => new()
    {
        // The spec's own example, as a binary header.
        { "192.168.0.1:56324", "192.168.0.11:443", ProxyTransport.Stream, Hex.Signature + "21 11 000C C0A80001 C0A8000B DC04 01BB" },
        { "203.0.113.7:27005", "10.0.0.1:27015", ProxyTransport.Datagram, Hex.Signature + "21 12 000C CB007107 0A000001 697D 6987" },
        { "0.0.0.0:0", "255.255.255.255:65535", ProxyTransport.Stream, Hex.Signature + "21 11 000C 00000000 FFFFFFFF 0000 FFFF" },
        {
            "[2001:db8::1]:1234", "[2001:db8::2]:80", ProxyTransport.Stream,
            Hex.Signature + "21 21 0024 20010DB8000000000000000000000001 20010DB8000000000000000000000002 04D2 0050"
        },
        {
            "[2001:db8::1]:1234", "[2001:db8::2]:80", ProxyTransport.Datagram,
            Hex.Signature + "21 22 0024 20010DB8000000000000000000000001 20010DB8000000000000000000000002 04D2 0050"
        },

        // A dual-stack listener sees IPv4 clients as IPv4-mapped IPv6: still AF_INET.
        { "[::ffff:203.0.113.7]:27005", "[::ffff:10.0.0.1]:27015", ProxyTransport.Datagram, Hex.Signature + "21 12 000C CB007107 0A000001 697D 6987" },
        { "[::ffff:203.0.113.7]:27005", "10.0.0.1:27015", ProxyTransport.Datagram, Hex.Signature + "21 12 000C CB007107 0A000001 697D 6987" },

        // One real IPv6 address makes it AF_INET6, with the IPv4 one mapped.
        {
            "203.0.113.7:27005", "[2001:db8::2]:27015", ProxyTransport.Datagram,
            Hex.Signature + "21 22 0024 00000000000000000000FFFFCB007107 20010DB8000000000000000000000002 697D 6987"
        },
    };

    [Theory]
    [MemberData(nameof(Headers))]
    public void Write_EndPoints_WritesTheExpectedBytes(string source, string destination, ProxyTransport transport, string expected)
    {
        var buffer = new byte[ProxyV2Header.MaxLength + 8];

        var written = ProxyV2Header.Write(buffer, IPEndPoint.Parse(source), IPEndPoint.Parse(destination), transport);

        Assert.Equal(Hex.Normalize(expected), Convert.ToHexString(buffer, 0, written));
        Assert.Equal(written, ProxyV2Header.SizeOf(IPEndPoint.Parse(source), IPEndPoint.Parse(destination)));
    }

    [Theory]
    [MemberData(nameof(Headers))]
    public void Write_SocketAddresses_WritesTheSameBytes(string source, string destination, ProxyTransport transport, string expected)
    {
        var buffer = new byte[ProxyV2Header.MaxLength];
        var sourceAddress = IPEndPoint.Parse(source).Serialize();
        var destinationAddress = IPEndPoint.Parse(destination).Serialize();

        var written = ProxyV2Header.Write(buffer, sourceAddress, destinationAddress, transport);

        Assert.Equal(Hex.Normalize(expected), Convert.ToHexString(buffer, 0, written));
        Assert.Equal(written, ProxyV2Header.SizeOf(sourceAddress, destinationAddress));
    }

    [Fact]
    public void WriteLocal_Always_WritesSixteenBytesWithNoAddresses()
    {
        var buffer = new byte[ProxyV2Header.LocalLength];

        var written = ProxyV2Header.WriteLocal(buffer);

        Assert.Equal(Hex.Normalize(Hex.Signature + "20 00 0000"), Convert.ToHexString(buffer, 0, written));
    }

    [Theory]
    [InlineData("203.0.113.7:1", "10.0.0.1:2", ProxyV2Header.IPv4Length - 1)]
    [InlineData("[2001:db8::1]:1", "10.0.0.1:2", ProxyV2Header.IPv6Length - 1)]
    public void Write_BufferTooSmall_Throws(string source, string destination, int size)
    {
        var buffer = new byte[size];

        Assert.Throws<ArgumentException>(() => ProxyV2Header.Write(buffer, IPEndPoint.Parse(source), IPEndPoint.Parse(destination), ProxyTransport.Datagram));
    }

    [Fact]
    public void Write_UnspecifiedTransport_Throws()
    {
        var buffer = new byte[ProxyV2Header.MaxLength];
        var endPoint = IPEndPoint.Parse("10.0.0.1:1");

        Assert.Throws<ArgumentOutOfRangeException>(() => ProxyV2Header.Write(buffer, endPoint, endPoint, ProxyTransport.Unspecified));
    }

    [Fact]
    public void Write_UnixSocketAddress_Throws()
    {
        var buffer = new byte[ProxyV2Header.MaxLength];
        var unix = new UnixDomainSocketEndPoint("/tmp/relay.sock").Serialize();
        var endPoint = IPEndPoint.Parse("10.0.0.1:1").Serialize();

        Assert.Throws<ArgumentException>(() => ProxyV2Header.Write(buffer, unix, endPoint, ProxyTransport.Stream));
    }

    [Theory]
    [InlineData("203.0.113.7:27005", "10.0.0.1:27015")]
    [InlineData("[2001:db8::1]:27005", "[2001:db8::2]:27015")]
    public void Write_SocketAddresses_DoesNotAllocate(string source, string destination)
    {
        var buffer = new byte[ProxyV2Header.MaxLength];
        var sourceAddress = IPEndPoint.Parse(source).Serialize();
        var destinationAddress = IPEndPoint.Parse(destination).Serialize();
        var allocated = Allocations.FewestBytes(3, () =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                ProxyV2Header.Write(buffer, sourceAddress, destinationAddress, ProxyTransport.Datagram);
            }
        });

        Assert.Equal(0, allocated);
    }
}
