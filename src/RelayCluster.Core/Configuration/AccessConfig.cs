using System.Net;
using System.Net.Sockets;

namespace RelayCluster.Core.Configuration;

/// <summary>
/// Which client addresses may open sessions (<c>relay.rules.&lt;name&gt;.access</c>). A client in
/// <see cref="Deny"/> is refused; otherwise, when <see cref="Allow"/> is not empty, only clients in it are accepted.
/// </summary>
public sealed record AccessConfig
{
    /// <summary>When not empty, only these networks may open sessions (<c>allow</c>); default empty: everyone.</summary>
    public IReadOnlyList<CidrRange> Allow { get; init; } = [];

    /// <summary>These networks may never open sessions; deny wins over allow (<c>deny</c>); default empty.</summary>
    public IReadOnlyList<CidrRange> Deny { get; init; } = [];

    /// <summary>Whether both lists hold the same networks in the same order.</summary>
    public bool Equals(AccessConfig? other) =>
        other is not null && Sequences.Equal(Allow, other.Allow) && Sequences.Equal(Deny, other.Deny);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Sequences.Hash(Allow), Sequences.Hash(Deny));

    /// <summary>Whether <paramref name="client"/> may open a session.</summary>
    public bool IsAllowed(IPAddress client)
    {
        ArgumentNullException.ThrowIfNull(client);
        Span<byte> bytes = stackalloc byte[16];
        client.TryWriteBytes(bytes, out var written);
        return IsAllowed(bytes[..written]);
    }

    /// <summary>As <see cref="IsAllowed(IPAddress)"/>, for the client's native socket address as a receive call fills it in, without allocating.</summary>
    /// <remarks>The address sits at offset 4 (IPv4) or 8 (IPv6) of the native sockaddr on Linux, Windows and macOS.</remarks>
    public bool IsAllowed(SocketAddress client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var buffer = client.Buffer.Span;
        return client.Family switch
        {
            AddressFamily.InterNetwork => IsAllowed(buffer.Slice(4, 4)),
            AddressFamily.InterNetworkV6 => IsAllowed(buffer.Slice(8, 16)),
            _ => false,
        };
    }

    /// <summary>As <see cref="IsAllowed(IPAddress)"/>, for an address given as its 4 or 16 bytes in network order, without allocating.</summary>
    public bool IsAllowed(ReadOnlySpan<byte> client) => !AnyContains(Deny, client) && (Allow.Count == 0 || AnyContains(Allow, client));

    // An indexed loop: foreach over the interface would allocate an enumerator on every refused datagram.
    private static bool AnyContains(IReadOnlyList<CidrRange> ranges, ReadOnlySpan<byte> client)
    {
        for (var i = 0; i < ranges.Count; i++)
        {
            if (ranges[i].Contains(client))
            {
                return true;
            }
        }

        return false;
    }
}
