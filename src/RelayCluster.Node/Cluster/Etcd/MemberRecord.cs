namespace RelayCluster.Node.Cluster.Etcd;

/// <summary>A member as stored under <c>members/&lt;id&gt;</c>, with the lease it lives on (so another node can down it without detaching it).</summary>
internal sealed record MemberRecord(
    string Id, string AdminUrl, IReadOnlyList<string> Roles, string Version, DateTimeOffset StartedAt, MemberStatus Status, long Lease)
{
    public static MemberRecord From(Member member, long lease) =>
        new(member.Id, member.AdminUrl, member.Roles, member.Version, member.StartedAt, member.Status, lease);

    public Member ToMember() => new(Id, AdminUrl, Roles, Version, StartedAt, Status);
}
