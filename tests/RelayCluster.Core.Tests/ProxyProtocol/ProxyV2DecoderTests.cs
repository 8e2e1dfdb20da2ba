using System.Net;
using RelayCluster.Core.ProxyProtocol;

namespace RelayCluster.Core.Tests.ProxyProtocol;

public class ProxyV2DecoderTests
{
    [Theory]
    [InlineData("192.168.0.1:56324", "192.168.0.11:443", ProxyTransport.Stream)]
    [InlineData("203.0.113.7:27005", "10.0.0.1:27015", ProxyTransport.Datagram)]
    [InlineData("[2001:db8::1]:1234", "[2001:db8::2]:80", ProxyTransport.Stream)]
    [InlineData("[2001:db8::1]:65535", "[::1]:0", ProxyTransport.Datagram)]
    public void TryParse_WrittenHeaderWithPayload_ReadsItBack(string source, string destination, ProxyTransport transport)
    {
        var datagram = new byte[ProxyV2Header.MaxLength + 5];
        var length = ProxyV2Header.Write(datagram, IPEndPoint.Parse(source), IPEndPoint.Parse(destination), transport);
        "hello"u8.CopyTo(datagram.AsSpan(length));

        Assert.True(ProxyV2Decoder.TryParse(datagram.AsSpan(0, length + 5), out var result), result.Error.ToString());

        Assert.Equal(ProxyCommand.Proxy, result.Command);
        Assert.Equal(transport, result.Transport);
        Assert.Equal(IPEndPoint.Parse(source), result.Source);
        Assert.Equal(IPEndPoint.Parse(destination), result.Destination);
        Assert.Equal(length, result.HeaderLength);
        Assert.Equal(ProxyV2Error.None, result.Error);
        Assert.Equal("hello"u8.ToArray(), datagram.AsSpan(result.HeaderLength, 5).ToArray());
    }

    [Theory]
    [InlineData(Hex.Signature + "21 11 000C C0A80001 C0A8000B DC04 01BB", "192.168.0.1:56324", "192.168.0.11:443", ProxyTransport.Stream)]
    [InlineData(Hex.Signature + "21 12 000C 0A000005 0A000001 D431 6987", "10.0.0.5:54321", "10.0.0.1:27015", ProxyTransport.Datagram)]
    [InlineData(
        Hex.Signature + "21 21 0024 FE800000000000000000000000000001 20010DB8000000000000000000000002 1F90 0050",
        "[fe80::1]:8080", "[2001:db8::2]:80", ProxyTransport.Stream)]
    [InlineData(
        Hex.Signature + "21 22 0024 20010DB800000000000000000000ABCD 00000000000000000000000000000001 697D 6987",
        "[2001:db8::abcd]:27005", "[::1]:27015", ProxyTransport.Datagram)]
    public void TryParse_HandWrittenHeader_ReadsAddressesAndPorts(string hex, string source, string destination, ProxyTransport transport)
    {
        var data = Hex.Parse(hex);

        Assert.True(ProxyV2Decoder.TryParse(data, out var result), result.Error.ToString());

        Assert.Equal(ProxyCommand.Proxy, result.Command);
        Assert.Equal(transport, result.Transport);
        Assert.Equal(IPEndPoint.Parse(source), result.Source);
        Assert.Equal(IPEndPoint.Parse(destination), result.Destination);
        Assert.Equal(data.Length, result.HeaderLength);
    }

    [Fact]
    public void TryParse_Tlvs_SkipsThemToThePayload()
    {
        // A 3-byte NOOP TLV and an 11-byte AUTHORITY TLV ("example.com") after the addresses: 12 + 6 + 14 = 32.
        var data = Hex.Parse(Hex.Signature + "21 11 0020 CB007107 0A000001 697D 6987 04 0003 000000 02 000B 6578616D706C652E636F6D CAFE");

        Assert.True(ProxyV2Decoder.TryParse(data, out var result), result.Error.ToString());

        Assert.Equal(48, result.HeaderLength);
        Assert.Equal(IPEndPoint.Parse("203.0.113.7:27005"), result.Source);
        Assert.Equal([0xCA, 0xFE], data[result.HeaderLength..]);
    }

    [Theory]
    [InlineData(Hex.Signature + "20 00 0000", 16)]
    [InlineData(Hex.Signature + "20 11 000C CB007107 0A000001 697D 6987", 28)]

    // LOCAL ignores the family, even one PROXY would reject.
    [InlineData(Hex.Signature + "20 F0 0000", 16)]
    public void TryParse_Local_HasNoAddressesAndSkipsTheBlock(string hex, int headerLength)
    {
        Assert.True(ProxyV2Decoder.TryParse(Hex.Parse(hex + "FF"), out var result), result.Error.ToString());

        Assert.Equal(ProxyCommand.Local, result.Command);
        Assert.Null(result.Source);
        Assert.Null(result.Destination);
        Assert.Equal(headerLength, result.HeaderLength);
    }

    [Fact]
    public void TryParse_WrittenLocalHeader_ReadsBackAsLocal()
    {
        var buffer = new byte[ProxyV2Header.LocalLength];
        ProxyV2Header.WriteLocal(buffer);

        Assert.True(ProxyV2Decoder.TryParse(buffer, out var result));

        Assert.Equal(new ProxyV2Result { Command = ProxyCommand.Local, HeaderLength = 16 }, result);
    }

    [Theory]
    [InlineData(Hex.Signature + "21 00 0000", ProxyTransport.Unspecified, 16)]
    [InlineData(Hex.Signature + "21 10 000C CB007107 0A000001 697D 6987", ProxyTransport.Unspecified, 28)]
    public void TryParse_ProxyWithUnspecifiedFamilyOrTransport_AcceptsWithoutAddresses(string hex, ProxyTransport transport, int headerLength)
    {
        Assert.True(ProxyV2Decoder.TryParse(Hex.Parse(hex), out var result), result.Error.ToString());

        Assert.Equal(ProxyCommand.Proxy, result.Command);
        Assert.Equal(transport, result.Transport);
        Assert.Null(result.Source);
        Assert.Equal(headerLength, result.HeaderLength);
    }

    [Fact]
    public void TryParse_UnixFamily_AcceptsWithoutAddresses()
    {
        var data = Hex.Parse(Hex.Signature + "21 31 00D8" + new string('0', 2 * 216));

        Assert.True(ProxyV2Decoder.TryParse(data, out var result), result.Error.ToString());

        Assert.Equal(ProxyTransport.Stream, result.Transport);
        Assert.Null(result.Source);
        Assert.Equal(232, result.HeaderLength);
    }

    [Theory]
    [InlineData("", ProxyV2Error.Truncated)]
    [InlineData("0D0A0D0A00", ProxyV2Error.Truncated)]
    [InlineData(Hex.Signature + "21 11 00", ProxyV2Error.Truncated)]
    [InlineData(Hex.Signature + "21 11 000C CB007107 0A000001", ProxyV2Error.Truncated)]
    [InlineData(Hex.Signature + "21 11 000C CB007107 0A000001 697D 69", ProxyV2Error.Truncated)]
    [InlineData("474554202F20485454502F312E310D0A", ProxyV2Error.BadSignature)]
    [InlineData("50524F5859205443503420", ProxyV2Error.BadSignature)]
    [InlineData("0D0A0D0A000D0A515549540B 21 11 000C CB007107 0A000001 697D 6987", ProxyV2Error.BadSignature)]
    [InlineData(Hex.Signature + "11 11 000C CB007107 0A000001 697D 6987", ProxyV2Error.UnsupportedVersion)]
    [InlineData(Hex.Signature + "31 11 000C CB007107 0A000001 697D 6987", ProxyV2Error.UnsupportedVersion)]
    [InlineData(Hex.Signature + "22 11 000C CB007107 0A000001 697D 6987", ProxyV2Error.UnknownCommand)]
    [InlineData(Hex.Signature + "21 41 000C CB007107 0A000001 697D 6987", ProxyV2Error.UnknownFamily)]
    [InlineData(Hex.Signature + "21 13 000C CB007107 0A000001 697D 6987", ProxyV2Error.UnknownTransport)]
    [InlineData(Hex.Signature + "21 11 0008 CB007107 0A000001", ProxyV2Error.AddressBlockTooShort)]
    [InlineData(Hex.Signature + "21 21 000C CB007107 0A000001 697D 6987", ProxyV2Error.AddressBlockTooShort)]
    [InlineData(Hex.Signature + "21 11 000F CB007107 0A000001 697D 6987 04 0005", ProxyV2Error.MalformedTlv)]
    [InlineData(Hex.Signature + "21 11 000E CB007107 0A000001 697D 6987 04 00", ProxyV2Error.MalformedTlv)]
    public void TryParse_Malformed_FailsWithTheReason(string hex, ProxyV2Error expected)
    {
        Assert.False(ProxyV2Decoder.TryParse(Hex.Parse(hex), out var result));

        Assert.Equal(expected, result.Error);
        Assert.Null(result.Source);
        Assert.Equal(0, result.HeaderLength);
    }
}
