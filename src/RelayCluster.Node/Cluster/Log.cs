using Microsoft.Extensions.Logging;

namespace RelayCluster.Node.Cluster;

internal static partial class Log
{
    [LoggerMessage(1600, LogLevel.Information, "Node {Node} is up on the {Backplane} backplane with {Rules} rule(s)")]
    public static partial void Joined(ILogger logger, string node, string backplane, int rules);

    [LoggerMessage(1601, LogLevel.Information, "Member {Member}: {Change} ({Status}, {Reachability})")]
    public static partial void MemberChanged(ILogger logger, string member, string change, MemberStatus status, string reachability);

    [LoggerMessage(1602, LogLevel.Error, "Stored rule {Rule} at revision {Revision} does not validate and is not applied: {Errors}")]
    public static partial void StoredRuleInvalid(ILogger logger, string rule, long revision, string errors);

    [LoggerMessage(1603, LogLevel.Error, "{Failure}")]
    public static partial void RuleNotApplied(ILogger logger, string failure);

    [LoggerMessage(1604, LogLevel.Error, "Applying the cluster's state failed: {Reason}")]
    public static partial void ViewFailed(ILogger logger, string reason, Exception exception);

    [LoggerMessage(1605, LogLevel.Debug, "Stats not published: {Reason}")]
    public static partial void StatsNotPublished(ILogger logger, string reason);

    [LoggerMessage(1606, LogLevel.Warning, "Status {Status} not published: {Reason}")]
    public static partial void StatusNotPublished(ILogger logger, MemberStatus status, string reason);

    [LoggerMessage(1607, LogLevel.Warning, "Leaving the backplane failed: {Reason}")]
    public static partial void LeaveFailed(ILogger logger, string reason);

    [LoggerMessage(1608, LogLevel.Error, "Node {Node} was marked down: it takes no more sessions and exits")]
    public static partial void SelfDowned(ILogger logger, string node);
}
