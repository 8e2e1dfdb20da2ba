namespace RelayCluster.Node.Cluster;

/// <summary>The outcome of a compare-and-set rule write.</summary>
public enum RuleWriteOutcome
{
    /// <summary>Written; <see cref="RuleWriteResult.Revision"/> is the new revision.</summary>
    Written,

    /// <summary>The rule's revision was not the expected one: someone else changed it first.</summary>
    Conflict,

    /// <summary>There is no such rule (delete).</summary>
    NotFound,

    /// <summary>The backplane cannot be reached; nothing was written.</summary>
    Unavailable,
}

/// <summary>The outcome of a rule write and the rule's revision after it.</summary>
public sealed record RuleWriteResult(RuleWriteOutcome Outcome, long Revision, string? Detail = null);
