using Microsoft.Extensions.Logging;

namespace RelayCluster.Node.Cluster.Etcd;

internal static partial class Log
{
    [LoggerMessage(1700, LogLevel.Information, "Seeded the new cluster with {Rules} rule(s) from the config file")]
    public static partial void Seeded(ILogger logger, int rules);

    [LoggerMessage(1701, LogLevel.Warning, "Backplane disconnected: {Reason}; relaying goes on with the last rules, retrying")]
    public static partial void Disconnected(ILogger logger, string reason);

    [LoggerMessage(1702, LogLevel.Information, "Backplane connected again")]
    public static partial void Reconnected(ILogger logger);

    [LoggerMessage(1703, LogLevel.Warning, "This node's registration lapsed while etcd was away; registering again")]
    public static partial void RegistrationLost(ILogger logger);

    [LoggerMessage(1704, LogLevel.Information, "Registered again on lease {Lease}")]
    public static partial void Registered(ILogger logger, long lease);
}
