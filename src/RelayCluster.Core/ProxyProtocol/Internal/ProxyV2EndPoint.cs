using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace RelayCluster.Core.ProxyProtocol.Internal;

/// <summary>An IP address and port held without allocating, IPv4 in its IPv4-mapped IPv6 form.</summary>
internal readonly struct ProxyV2EndPoint
{
    private const ulong MappedPrefix = 0x0000_FFFF_0000_0000;

    private readonly ulong _high;
    private readonly ulong _low;

    private ProxyV2EndPoint(ReadOnlySpan<byte> address, ushort port)
    {
        if (address.Length == 4)
        {
            _low = MappedPrefix | BinaryPrimitives.ReadUInt32BigEndian(address);
        }
        else
        {
            _high = BinaryPrimitives.ReadUInt64BigEndian(address);
            _low = BinaryPrimitives.ReadUInt64BigEndian(address[8..]);
        }

        Port = port;
    }

    public ushort Port { get; }

    /// <summary>Whether the address is IPv4, given plainly or IPv4-mapped.</summary>
    public bool IsIPv4 => _high == 0 && (_low & 0xFFFF_FFFF_0000_0000) == MappedPrefix;

    public static ProxyV2EndPoint From(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        Span<byte> address = stackalloc byte[16];
        endPoint.Address.TryWriteBytes(address, out var written);
        return new ProxyV2EndPoint(address[..written], (ushort)endPoint.Port);
    }

    /// <remarks>The port sits at offset 2 and the address at 4 (IPv4) or 8 (IPv6) in the native sockaddr on every platform.</remarks>
    public static ProxyV2EndPoint From(SocketAddress socketAddress)
    {
        ArgumentNullException.ThrowIfNull(socketAddress);
        var buffer = socketAddress.Buffer.Span;
        var port = BinaryPrimitives.ReadUInt16BigEndian(buffer[2..]);
        return socketAddress.Family switch
        {
            AddressFamily.InterNetwork => new ProxyV2EndPoint(buffer.Slice(4, 4), port),
            AddressFamily.InterNetworkV6 => new ProxyV2EndPoint(buffer.Slice(8, 16), port),
            _ => throw new ArgumentException($"A PROXY header carries IPv4 or IPv6 addresses, not {socketAddress.Family}.", nameof(socketAddress)),
        };
    }

    /// <summary>Writes the address in network order: its 4 IPv4 bytes, or all 16 bytes.</summary>
    public void WriteAddress(Span<byte> destination, bool asIPv4)
    {
        if (asIPv4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)_low);
            return;
        }

        BinaryPrimitives.WriteUInt64BigEndian(destination, _high);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _low);
    }
}
