using Microsoft.Extensions.Logging;
using RelayCluster.Core.Upstreams;

namespace RelayCluster.Node.Health;

internal static partial class Log
{
    [LoggerMessage(EventId = 1500, Message = "Rule {Rule}: upstream {Upstream} is {Health} ({Reason})")]
    public static partial void HealthChanged(ILogger logger, LogLevel level, string rule, string upstream, UpstreamHealth health, string reason);

    [LoggerMessage(1501, LogLevel.Debug, "Rule {Rule}: probe of upstream {Upstream} failed ({Result})")]
    public static partial void ProbeFailed(ILogger logger, string rule, string upstream, string result);

    [LoggerMessage(1502, LogLevel.Warning, "Rule {Rule}: the probe of upstream {Upstream} got lost; probing again")]
    public static partial void ProbeRestarted(ILogger logger, string rule, string upstream);
}
