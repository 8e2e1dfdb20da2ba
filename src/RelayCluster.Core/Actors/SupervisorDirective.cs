namespace RelayCluster.Core.Actors;

/// <summary>What a supervisor does with a child whose message handling threw.</summary>
public enum SupervisorDirective
{
    /// <summary>Keep the instance and go on with the next message.</summary>
    Resume,

    /// <summary>Replace the instance with a new one from the same factory, keeping the mailbox.</summary>
    Restart,

    /// <summary>Stop the child.</summary>
    Stop,

    /// <summary>Fail the supervisor itself with the same exception, so its own parent decides.</summary>
    Escalate,
}
