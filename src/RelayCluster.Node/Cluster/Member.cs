namespace RelayCluster.Node.Cluster;

/// <summary>One member of the cluster as the backplane records it.</summary>
/// <param name="Id">The node's id.</param>
/// <param name="AdminUrl">Where its admin API answers.</param>
/// <param name="Roles">Its free-form roles.</param>
/// <param name="Version">Its relay-node version.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="Status">Its status.</param>
/// <param name="Reachable">Whether its registration is alive (false once its lease lapsed without a leave).</param>
public sealed record Member(
    string Id, string AdminUrl, IReadOnlyList<string> Roles, string Version, DateTimeOffset StartedAt, MemberStatus Status, bool Reachable = true)
{
    /// <summary>Whether both records describe the same member in the same state, comparing roles element by element.</summary>
    public bool Equals(Member? other) =>
        other is not null
        && Id == other.Id
        && AdminUrl == other.AdminUrl
        && Roles.SequenceEqual(other.Roles)
        && Version == other.Version
        && StartedAt == other.StartedAt
        && Status == other.Status
        && Reachable == other.Reachable;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Status, Reachable);
}
