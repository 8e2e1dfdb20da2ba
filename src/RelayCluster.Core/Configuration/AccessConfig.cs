using System.Net;

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
        if (Deny.Any(range => range.Contains(client)))
        {
            return false;
        }

        return Allow.Count == 0 || Allow.Any(range => range.Contains(client));
    }
}
