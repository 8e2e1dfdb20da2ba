using Microsoft.Extensions.Logging;

namespace RelayCluster.Node.Hosting;

internal static partial class NodeLog
{
    [LoggerMessage(1300, LogLevel.Information, "Node {NodeId} {Version} starting with {ConfigFiles}")]
    public static partial void Starting(ILogger logger, string nodeId, string version, string configFiles);

    [LoggerMessage(1301, LogLevel.Information, "Node {NodeId} stopped")]
    public static partial void Stopped(ILogger logger, string nodeId);

    [LoggerMessage(1302, LogLevel.Critical, "Node failed: {Reason}")]
    public static partial void Failed(ILogger logger, string reason, Exception exception);
}
