using System.Net;
using Microsoft.Extensions.Logging;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Rules;

internal static partial class Log
{
    [LoggerMessage(1100, LogLevel.Debug, "Rule {Rule}: session of {Client} started on upstream {Upstream}")]
    public static partial void SessionStarted(ILogger logger, string rule, IPEndPoint client, string upstream);

    [LoggerMessage(1102, LogLevel.Warning, "Rule {Rule}: could not connect to upstream {Upstream}: {Reason}")]
    public static partial void ConnectFailed(ILogger logger, string rule, string upstream, string reason);

    [LoggerMessage(1103, LogLevel.Information, "Rule {Rule}: upstream {Upstream} is now {State}")]
    public static partial void AdminStateChanged(ILogger logger, string rule, string upstream, Core.Upstreams.UpstreamAdminState state);

    [LoggerMessage(1101, LogLevel.Debug, "Rule {Rule}: session of {Client} ended ({Reason})")]
    public static partial void SessionEnded(ILogger logger, string rule, IPEndPoint client, SessionCloseReason reason);

    [LoggerMessage(1104, LogLevel.Warning, "Rule {Rule}: {Count} refused or dropped as {Reason} since the last line about that reason")]
    public static partial void Dropped(ILogger logger, string rule, string reason, long count);
}
