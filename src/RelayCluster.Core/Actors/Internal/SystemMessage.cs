namespace RelayCluster.Core.Actors.Internal;

/// <summary>A lifecycle signal that bypasses the bounded mailbox and is handled before user messages.</summary>
internal sealed class SystemMessage(SystemMessageKind kind, ActorCell? actor = null, Exception? reason = null)
{
    public static SystemMessage Create { get; } = new(SystemMessageKind.Create);

    public static SystemMessage Stop { get; } = new(SystemMessageKind.Stop);

    public static SystemMessage Resume { get; } = new(SystemMessageKind.Resume);

    public SystemMessageKind Kind { get; } = kind;

    /// <summary>The child that escalated, or the actor that terminated.</summary>
    public ActorCell? Actor { get; } = actor;

    public Exception? Reason { get; } = reason;
}

/// <summary>The kinds of <see cref="SystemMessage"/>.</summary>
internal enum SystemMessageKind
{
    Create,
    Stop,
    Resume,
    Escalate,
    Terminated,
}
