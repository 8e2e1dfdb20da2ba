namespace RelayCluster.Node.Cluster;

/// <summary>One membership change seen by this node.</summary>
/// <param name="Kind"><c>joined</c>, <c>status</c>, <c>unreachable</c>, <c>reachable</c> or <c>removed</c>.</param>
/// <param name="Member">The member after the change.</param>
/// <param name="At">When this node saw it.</param>
public sealed record MemberEvent(string Kind, Member Member, DateTimeOffset At)
{
    /// <summary>The changes between two member lists, in a stable order.</summary>
    public static IReadOnlyList<MemberEvent> Between(IReadOnlyList<Member> before, IReadOnlyList<Member> after, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var events = new List<MemberEvent>();
        var previous = before.ToDictionary(member => member.Id, StringComparer.Ordinal);
        foreach (var member in after)
        {
            if (!previous.Remove(member.Id, out var old))
            {
                events.Add(new MemberEvent("joined", member, at));
                continue;
            }

            if (old.Status != member.Status)
            {
                events.Add(new MemberEvent(member.Status == MemberStatus.Removed ? "removed" : "status", member, at));
            }

            if (old.Reachable != member.Reachable)
            {
                events.Add(new MemberEvent(member.Reachable ? "reachable" : "unreachable", member, at));
            }
        }

        foreach (var gone in previous.Values.Where(member => member.Status != MemberStatus.Removed))
        {
            events.Add(new MemberEvent("removed", gone with { Status = MemberStatus.Removed }, at));
        }

        return events;
    }
}
