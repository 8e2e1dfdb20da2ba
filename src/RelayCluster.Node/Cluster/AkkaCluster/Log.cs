using Microsoft.Extensions.Logging;

namespace RelayCluster.Node.Cluster.AkkaCluster;

internal static partial class Log
{
    [LoggerMessage(1800, LogLevel.Information, "Cluster system {Address} started (incarnation {Incarnation}), joining {Seeds}")]
    public static partial void IncarnationStarted(ILogger logger, string address, int incarnation, string seeds);

    [LoggerMessage(1801, LogLevel.Warning, "Cluster system {Address} stopped without a leave (downed, partitioned or quarantined); relaying goes on with the last rules, rejoining as a new incarnation")]
    public static partial void IncarnationLost(ILogger logger, string address);

    [LoggerMessage(1802, LogLevel.Warning, "Starting the cluster system failed: {Reason}; retrying")]
    public static partial void IncarnationFailed(ILogger logger, string reason);

    [LoggerMessage(1803, LogLevel.Warning, "Not connected to the cluster within {Seconds} s; running the last known rules while joining goes on")]
    public static partial void StartNotConnected(ILogger logger, double seconds);

    [LoggerMessage(1804, LogLevel.Information, "Connected to the cluster: {Connected}")]
    public static partial void ConnectionChanged(ILogger logger, bool connected);

    [LoggerMessage(1805, LogLevel.Warning, "Seeding the cluster's rules failed: {Reason}; retrying")]
    public static partial void SeedFailed(ILogger logger, string reason);

    [LoggerMessage(1806, LogLevel.Warning, "An operator downed this node")]
    public static partial void OperatorDowned(ILogger logger);
}
