using System.Buffers.Binary;
using System.Net;
using RelayCluster.Core.ProxyProtocol.Internal;

namespace RelayCluster.Core.ProxyProtocol;

/// <summary>
/// Writes binary PROXY protocol v2 headers, which tell an upstream the client's address: AF_INET when both
/// addresses are IPv4 (IPv4-mapped IPv6 counts as IPv4), otherwise AF_INET6 with any IPv4 address mapped.
/// </summary>
public static class ProxyV2Header
{
    /// <summary>The length of a header for two IPv4 endpoints: 16 fixed bytes, two addresses of 4 bytes and two ports.</summary>
    public const int IPv4Length = 28;

    /// <summary>The length of a header for IPv6 endpoints: 16 fixed bytes, two addresses of 16 bytes and two ports.</summary>
    public const int IPv6Length = 52;

    /// <summary>The length of a LOCAL header, which carries no addresses.</summary>
    public const int LocalLength = 16;

    /// <summary>The largest header this class writes, enough for a buffer reserved in front of every datagram.</summary>
    public const int MaxLength = IPv6Length;

    private const byte VersionAndLocal = 0x20;
    private const byte VersionAndProxy = 0x21;

    /// <summary>The number of bytes <see cref="Write(Span{byte}, IPEndPoint, IPEndPoint, ProxyTransport)"/> writes for these endpoints.</summary>
    public static int SizeOf(IPEndPoint source, IPEndPoint destinationAddress) =>
        SizeOf(ProxyV2EndPoint.From(source), ProxyV2EndPoint.From(destinationAddress));

    /// <summary>The number of bytes <see cref="Write(Span{byte}, SocketAddress, SocketAddress, ProxyTransport)"/> writes for these addresses.</summary>
    public static int SizeOf(SocketAddress source, SocketAddress destinationAddress) =>
        SizeOf(ProxyV2EndPoint.From(source), ProxyV2EndPoint.From(destinationAddress));

    /// <summary>Writes a PROXY header for a client at <paramref name="source"/> that sent to <paramref name="destinationAddress"/>; returns the bytes written.</summary>
    public static int Write(Span<byte> destination, IPEndPoint source, IPEndPoint destinationAddress, ProxyTransport transport) =>
        Write(destination, ProxyV2EndPoint.From(source), ProxyV2EndPoint.From(destinationAddress), transport);

    /// <summary>As <see cref="Write(Span{byte}, IPEndPoint, IPEndPoint, ProxyTransport)"/>, from native socket addresses and without allocating.</summary>
    public static int Write(Span<byte> destination, SocketAddress source, SocketAddress destinationAddress, ProxyTransport transport) =>
        Write(destination, ProxyV2EndPoint.From(source), ProxyV2EndPoint.From(destinationAddress), transport);

    /// <summary>Writes a LOCAL header, for connections the relay opens itself such as health checks; returns the bytes written.</summary>
    public static int WriteLocal(Span<byte> destination)
    {
        EnsureRoom(destination, LocalLength);
        ProxyV2Decoder.Signature.CopyTo(destination);
        destination[12] = VersionAndLocal;
        destination[13] = 0x00;
        BinaryPrimitives.WriteUInt16BigEndian(destination[14..], 0);
        return LocalLength;
    }

    private static int SizeOf(ProxyV2EndPoint source, ProxyV2EndPoint destinationAddress) =>
        source.IsIPv4 && destinationAddress.IsIPv4 ? IPv4Length : IPv6Length;

    private static int Write(Span<byte> destination, ProxyV2EndPoint source, ProxyV2EndPoint destinationAddress, ProxyTransport transport)
    {
        if (transport is not (ProxyTransport.Stream or ProxyTransport.Datagram))
        {
            throw new ArgumentOutOfRangeException(nameof(transport), transport, "A PROXY header describes a stream or a datagram transport.");
        }

        var isIPv4 = source.IsIPv4 && destinationAddress.IsIPv4;
        var length = isIPv4 ? IPv4Length : IPv6Length;
        var addressSize = isIPv4 ? 4 : 16;
        EnsureRoom(destination, length);

        ProxyV2Decoder.Signature.CopyTo(destination);
        destination[12] = VersionAndProxy;
        destination[13] = (byte)((isIPv4 ? 0x10 : 0x20) | (int)transport);
        BinaryPrimitives.WriteUInt16BigEndian(destination[14..], (ushort)(length - LocalLength));
        var body = destination[LocalLength..length];
        source.WriteAddress(body, isIPv4);
        destinationAddress.WriteAddress(body[addressSize..], isIPv4);
        BinaryPrimitives.WriteUInt16BigEndian(body[(2 * addressSize)..], source.Port);
        BinaryPrimitives.WriteUInt16BigEndian(body[((2 * addressSize) + 2)..], destinationAddress.Port);
        return length;
    }

    private static void EnsureRoom(Span<byte> destination, int length)
    {
        if (destination.Length < length)
        {
            throw new ArgumentException($"A {length}-byte PROXY header does not fit in {destination.Length} bytes.", nameof(destination));
        }
    }
}
