using System.Net;
using System.Text;

namespace RelayCluster.Core.Balancing;

/// <summary>
/// A 64-bit hash that is the same in every process, on every node and after every restart:
/// FNV-1a over the bytes, then MurmurHash3's 64-bit finalizer to spread FNV's weak low bits.
/// Unlike <see cref="string.GetHashCode()"/>, it is not randomized per process; changing it
/// would move clients between upstreams when nodes of mixed versions run side by side.
/// </summary>
internal static class StableHash
{
    private const ulong FnvOffsetBasis = 14695981039346656037;
    private const ulong FnvPrime = 1099511628211;

    /// <summary>The plain FNV-1a hash of <paramref name="data"/>.</summary>
    public static ulong Fnv1a(ReadOnlySpan<byte> data)
    {
        var hash = FnvOffsetBasis;
        foreach (var value in data)
        {
            hash = (hash ^ value) * FnvPrime;
        }

        return hash;
    }

    /// <summary>Hashes the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static ulong Hash(string text) => Mix(Fnv1a(Encoding.UTF8.GetBytes(text)));

    /// <summary>Hashes the bytes of <paramref name="address"/>; an IPv4-mapped IPv6 address hashes as its IPv4 address.</summary>
    public static ulong Hash(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        bytes = bytes[..written];

        // A dual-stack socket reports IPv4 clients as ::ffff:a.b.c.d; they are the same client.
        if (address.IsIPv4MappedToIPv6)
        {
            bytes = bytes[12..];
        }

        return Mix(Fnv1a(bytes));
    }

    /// <summary>MurmurHash3's fmix64: every input bit affects every output bit.</summary>
    public static ulong Mix(ulong value)
    {
        value ^= value >> 33;
        value *= 0xff51afd7ed558ccd;
        value ^= value >> 33;
        value *= 0xc4ceb9fe1a85ec53;
        value ^= value >> 33;
        return value;
    }

    /// <summary>Maps a hash to a double strictly between 0 and 1, from its top 52 bits.</summary>
    /// <remarks>52 rather than 53 bits so that the half step added to keep away from 0 stays exact and the top stays below 1.</remarks>
    public static double ToUnitInterval(ulong value) => ((value >> 12) + 0.5) * (1.0 / (1UL << 52));
}
