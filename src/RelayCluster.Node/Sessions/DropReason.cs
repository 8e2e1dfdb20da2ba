namespace RelayCluster.Node.Sessions;

/// <summary>Why a datagram or a new session was refused; each reason has its own counter.</summary>
public enum DropReason
{
    /// <summary>The rule's (or the node's) session cap was reached.</summary>
    SessionLimit,

    /// <summary>The client IP already holds its maximum number of sessions.</summary>
    ClientLimit,

    /// <summary>No upstream was available for a new session.</summary>
    NoUpstream,

    /// <summary>The datagram was larger than <c>session.max-datagram</c>; it is dropped, never forwarded cut.</summary>
    Truncated,

    /// <summary>The socket refused to send the datagram.</summary>
    SendError,

    /// <summary>The node is draining and takes no new sessions.</summary>
    Draining,

    /// <summary>The client is in the rule's <c>access.deny</c> list, or not in a non-empty <c>access.allow</c> list.</summary>
    AccessDenied,

    /// <summary>The client IP went over the rule's <c>rate-limit</c>.</summary>
    RateLimited,

    /// <summary>A token-routed datagram carried no token, or one that names no upstream, and had no session to go to.</summary>
    UnknownToken,
}

/// <summary>Names of <see cref="DropReason"/> values as they appear in stats and metrics.</summary>
public static class DropReasons
{
    /// <summary>How many reasons there are; counters are arrays of this length.</summary>
    public static readonly int Count = Enum.GetValues<DropReason>().Length;

    /// <summary>The kebab-case name of <paramref name="reason"/>.</summary>
    public static string Name(DropReason reason) => reason switch
    {
        DropReason.SessionLimit => "session-limit",
        DropReason.ClientLimit => "client-limit",
        DropReason.NoUpstream => "no-upstream",
        DropReason.Truncated => "truncated",
        DropReason.SendError => "send-error",
        DropReason.Draining => "draining",
        DropReason.AccessDenied => "access-denied",
        DropReason.RateLimited => "rate-limited",
        DropReason.UnknownToken => "unknown-token",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a drop reason."),
    };
}
