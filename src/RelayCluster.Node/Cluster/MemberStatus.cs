namespace RelayCluster.Node.Cluster;

/// <summary>Where a member is in its life, as Akka's cluster names it.</summary>
public enum MemberStatus
{
    /// <summary>Registered; its rules are not applied yet.</summary>
    Joining,

    /// <summary>Taking sessions.</summary>
    Up,

    /// <summary>Leaving: no new sessions, existing ones draining.</summary>
    Leaving,

    /// <summary>Drained; about to deregister.</summary>
    Exiting,

    /// <summary>Marked down by an operator: it stops taking sessions and exits.</summary>
    Down,

    /// <summary>Gone from the cluster.</summary>
    Removed,
}
