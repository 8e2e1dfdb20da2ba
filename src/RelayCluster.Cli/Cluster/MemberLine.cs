using RelayCluster.Cli.Output;
using RelayCluster.Core.Admin;

namespace RelayCluster.Cli.Cluster;

/// <summary>A member in pbm's line format: <c>node-id | admin-url | [roles] | status | reachability | version</c>.</summary>
internal static class MemberLine
{
    /// <summary>The line for <paramref name="member"/>; roles are comma-separated inside brackets, <c>[]</c> when there are none.</summary>
    public static string Format(MemberDto member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return $"{member.Id} | {member.AdminUrl} | {Texts.Roles(member.Roles)} | {member.Status} | {member.Reachability} | {member.Version}";
    }

    /// <summary>An event as <c>2026-11-22T05:00:01Z joined node-b | ...</c>.</summary>
    public static string Format(MemberEventDto memberEvent)
    {
        ArgumentNullException.ThrowIfNull(memberEvent);
        return $"{Texts.Time(memberEvent.At)} {memberEvent.Kind} {Format(memberEvent.Member)}";
    }
}
