using Microsoft.Extensions.Logging;

namespace RelayCluster.Node.Hosting;

internal static partial class Log
{
    [LoggerMessage(1200, LogLevel.Information, "Draining: no new sessions; waiting up to {Grace} for {Sessions} sessions to end")]
    public static partial void Draining(ILogger logger, long sessions, TimeSpan grace);

    [LoggerMessage(1201, LogLevel.Information, "Drained: {Sessions} sessions were still open at the end of the grace period and were closed")]
    public static partial void Drained(ILogger logger, long sessions);

    [LoggerMessage(1202, LogLevel.Warning, "The open-file limit is {Limit}; sessions may hold at most {Budget} descriptors on this node")]
    public static partial void DescriptorBudget(ILogger logger, long limit, int budget);

    [LoggerMessage(1203, LogLevel.Warning, "Rule {Rule}: session.max {Configured} is more than the node's descriptor budget allows; at most {Effective} sessions will be admitted")]
    public static partial void SessionCapLowered(ILogger logger, string rule, int configured, int effective);

    [LoggerMessage(1210, LogLevel.Information, "Rule {Rule} added")]
    public static partial void RuleAdded(ILogger logger, string rule);

    [LoggerMessage(1211, LogLevel.Information, "Rule {Rule} removed; its sessions ended")]
    public static partial void RuleRemoved(ILogger logger, string rule);

    [LoggerMessage(1212, LogLevel.Information, "Rule {Rule} changed; new sessions use it, {Removed} removed upstream(s) had their sessions ended")]
    public static partial void RuleUpdated(ILogger logger, string rule, int removed);

    [LoggerMessage(1213, LogLevel.Information, "Rule {Rule} changed its listener; restarted, its sessions ended")]
    public static partial void RuleRestarted(ILogger logger, string rule);

    [LoggerMessage(1214, LogLevel.Error, "Rule {Rule} at {Position} could not be applied: {Reason}")]
    public static partial void RuleFailed(ILogger logger, string rule, string position, string reason, Exception exception);

    [LoggerMessage(1215, LogLevel.Information, "Admin API listening on {Url}")]
    public static partial void AdminListening(ILogger logger, string url);
}
