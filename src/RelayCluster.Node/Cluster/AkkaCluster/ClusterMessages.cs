using RelayCluster.Core.Upstreams;

namespace RelayCluster.Node.Cluster.AkkaCluster;

/// <summary>Marks the types that travel between nodes or live in DistributedData; <see cref="RelayJsonSerializer"/> writes them.</summary>
public interface IClusterMessage;

/// <summary>What Akka's member lacks, shared through DistributedData keyed by member address.</summary>
/// <param name="NodeId">The node's id.</param>
/// <param name="AdminUrl">Where its admin API answers.</param>
/// <param name="Roles">Its free-form roles.</param>
/// <param name="Version">Its relay-node version.</param>
/// <param name="StartedAt">When the node process started.</param>
public sealed record MemberInfo(string NodeId, string AdminUrl, IReadOnlyList<string> Roles, string Version, DateTimeOffset StartedAt) : IClusterMessage;

/// <summary>One rule as DistributedData keeps it: its object as JSON, or null once deleted, and its revision, which only grows.</summary>
public sealed record RuleEntry(string? Json, long Revision) : IClusterMessage;

/// <summary>An operator's admin state of one upstream.</summary>
public sealed record UpstreamEntry(string Rule, string Address, UpstreamAdminState State) : IClusterMessage;

/// <summary>Marks one incarnation of a member as downed by an operator, so it exits instead of rejoining.</summary>
public sealed record OperatorDown(DateTimeOffset At) : IClusterMessage;

/// <summary>
/// Tells one incarnation, straight to its state actor, that an operator downs it, before Akka's down reaches it:
/// the marker in <see cref="OperatorDown"/> travels by gossip and can come after the down. Echoed back as the ack.
/// </summary>
public sealed record OperatorDownNotice(string Incarnation) : IClusterMessage;

/// <summary>Asks the rule writer to seed an empty cluster with <paramref name="Rules"/>.</summary>
public sealed record SeedRules(IReadOnlyList<StoredRule> Rules) : IClusterMessage;

/// <summary>Asks the rule writer to write a rule if its revision is still <paramref name="ExpectedRevision"/> (0: absent, null: any).</summary>
public sealed record PutRule(string Name, string Json, long? ExpectedRevision) : IClusterMessage;

/// <summary>Asks the rule writer to delete a rule if its revision is still <paramref name="ExpectedRevision"/> (null: any).</summary>
public sealed record DeleteRule(string Name, long? ExpectedRevision) : IClusterMessage;

/// <summary>The rule writer's answer to <see cref="SeedRules"/>, <see cref="PutRule"/> and <see cref="DeleteRule"/>.</summary>
public sealed record RuleWriteReply(RuleWriteOutcome Outcome, long Revision, string? Detail) : IClusterMessage
{
    /// <summary>As the backplane returns it.</summary>
    public RuleWriteResult ToResult() => new(Outcome, Revision, Detail);
}

/// <summary>A node's published load, as DistributedData keeps it.</summary>
public sealed record StatsEntry(NodeStats Stats) : IClusterMessage;

/// <summary>The upstream one client of one rule was given, and when that lapses unless refreshed (<c>session.affinity = cluster</c>).</summary>
public sealed record AffinityEntry(string Upstream, DateTimeOffset Expires) : IClusterMessage;
