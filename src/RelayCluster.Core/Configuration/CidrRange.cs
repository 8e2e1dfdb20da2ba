using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RelayCluster.Core.Configuration;

/// <summary>A network in CIDR notation, such as <c>203.0.113.0/24</c> or <c>2001:db8::/32</c>; a bare address is one host.</summary>
public sealed record CidrRange
{
    // ::ffff:0:0/96, the prefix of an IPv4 address seen on a dual-stack socket.
    private static readonly byte[] s_mappedPrefix = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF];

    private readonly byte[] _network;

    private CidrRange(IPAddress network, int prefixLength)
    {
        Network = network;
        PrefixLength = prefixLength;
        _network = network.GetAddressBytes();
    }

    /// <summary>The network address; its host bits are zero.</summary>
    public IPAddress Network { get; }

    /// <summary>How many leading bits of an address must match <see cref="Network"/>.</summary>
    public int PrefixLength { get; }

    /// <summary>
    /// Parses <c>address/prefix</c> or a bare address. Fails with a reason when the text is not an
    /// IP address, the prefix is out of range or the address has bits set past the prefix.
    /// </summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out CidrRange? range, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(text);
        range = null;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        if (!AddressSyntax.TryParseAddress(addressText, out var address))
        {
            reason = "is not an IPv4 or IPv6 address in CIDR notation such as 203.0.113.0/24";
            return false;
        }

        var maxPrefix = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = maxPrefix;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > maxPrefix))
        {
            reason = $"has a prefix length that is not a number from 0 to {maxPrefix}";
            return false;
        }

        var masked = Mask(address.GetAddressBytes(), prefix);
        var network = new IPAddress(masked);
        if (!network.Equals(address))
        {
            reason = $"has bits set past the /{prefix} prefix; did you mean '{network}/{prefix}'?";
            return false;
        }

        range = new CidrRange(network, prefix);
        reason = null;
        return true;
    }

    /// <summary>Whether <paramref name="address"/> is in the network; an IPv4-mapped IPv6 address counts as its IPv4 address.</summary>
    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        return Contains(bytes[..written]);
    }

    /// <summary>As <see cref="Contains(IPAddress)"/>, for an address given as its 4 or 16 bytes in network order, without allocating.</summary>
    public bool Contains(ReadOnlySpan<byte> address)
    {
        if (address.Length == 16 && _network.Length == 4 && address[..12].SequenceEqual(s_mappedPrefix))
        {
            address = address[12..];
        }

        if (address.Length != _network.Length)
        {
            return false;
        }

        var wholeBytes = PrefixLength / 8;
        if (!address[..wholeBytes].SequenceEqual(_network.AsSpan(0, wholeBytes)))
        {
            return false;
        }

        var restBits = PrefixLength % 8;
        return restBits == 0 || (address[wholeBytes] & (byte)(0xFF << (8 - restBits))) == _network[wholeBytes];
    }

    /// <summary>Whether this range and <paramref name="other"/> are the same network.</summary>
    public bool Equals(CidrRange? other) => other is not null && PrefixLength == other.PrefixLength && Network.Equals(other.Network);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Network, PrefixLength);

    /// <summary>The range as <c>address/prefix</c>.</summary>
    public override string ToString() => $"{Network}/{PrefixLength}";

    private static byte[] Mask(byte[] bytes, int prefix)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            var bitsInByte = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bitsInByte));
        }

        return bytes;
    }
}
