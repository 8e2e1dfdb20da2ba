using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace RelayCluster.Core.Traffic;

/// <summary>
/// A client IP address as 128 bits, IPv4 held in its IPv4-mapped IPv6 form, so that a dual-stack
/// socket's <c>::ffff:a.b.c.d</c> and a plain IPv4 socket's <c>a.b.c.d</c> are the same client.
/// </summary>
public readonly struct ClientKey : IEquatable<ClientKey>
{
    // ::ffff:0:0/96 in the low 64 bits: 0000:ffff:xxxx:xxxx.
    private const ulong MappedPrefix = 0x0000_FFFF_0000_0000;

    private readonly ulong _high;
    private readonly ulong _low;

    private ClientKey(ulong high, ulong low)
    {
        _high = high;
        _low = low;
    }

    /// <summary>The key of an address given as its 4 or 16 network-order bytes.</summary>
    public static ClientKey FromBytes(ReadOnlySpan<byte> address) => address.Length switch
    {
        4 => new ClientKey(0, MappedPrefix | BinaryPrimitives.ReadUInt32BigEndian(address)),
        16 => new ClientKey(BinaryPrimitives.ReadUInt64BigEndian(address), BinaryPrimitives.ReadUInt64BigEndian(address[8..])),
        _ => throw new ArgumentException($"An IP address has 4 or 16 bytes, not {address.Length}.", nameof(address)),
    };

    /// <summary>The key of <paramref name="address"/>, without allocating.</summary>
    public static ClientKey FromAddress(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        return FromBytes(bytes[..written]);
    }

    /// <summary>The key of the address in a received datagram's <paramref name="address"/>, without allocating.</summary>
    /// <remarks>
    /// The port and address sit at the same offsets in <c>sockaddr_in</c> and <c>sockaddr_in6</c> on Linux,
    /// Windows and macOS; only the family field differs, and <see cref="SocketAddress.Family"/> translates it.
    /// </remarks>
    public static ClientKey FromSocketAddress(SocketAddress address)
    {
        var buffer = address.Buffer.Span;
        return address.Family switch
        {
            AddressFamily.InterNetwork => FromBytes(buffer.Slice(4, 4)),
            AddressFamily.InterNetworkV6 => FromBytes(buffer.Slice(8, 16)),
            _ => throw new ArgumentException($"Only IPv4 and IPv6 clients have a key, not {address.Family}.", nameof(address)),
        };
    }

    /// <inheritdoc />
    public bool Equals(ClientKey other) => _high == other._high && _low == other._low;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ClientKey other && Equals(other);

    /// <inheritdoc />
    // HashCode is seeded randomly per process, so spoofed sources cannot be chosen to collide in the table.
    public override int GetHashCode() => HashCode.Combine(_high, _low);

    /// <summary>Whether two keys name the same client.</summary>
    public static bool operator ==(ClientKey left, ClientKey right) => left.Equals(right);

    /// <summary>Whether two keys name different clients.</summary>
    public static bool operator !=(ClientKey left, ClientKey right) => !left.Equals(right);
}
