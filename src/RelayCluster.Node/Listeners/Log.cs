using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace RelayCluster.Node.Listeners;

internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Information, "Rule {Rule} listening on udp {EndPoint} with {Loops} receive loops")]
    public static partial void Listening(ILogger logger, string rule, IPEndPoint endPoint, int loops);

    [LoggerMessage(1002, LogLevel.Information, "Rule {Rule} listening on tcp {EndPoint}")]
    public static partial void ListeningTcp(ILogger logger, string rule, IPEndPoint endPoint);

    [LoggerMessage(1003, LogLevel.Warning, "Rule {Rule} could not accept a connection: {Error}")]
    public static partial void AcceptFailed(ILogger logger, string rule, SocketError error);

    [LoggerMessage(1001, LogLevel.Warning, "Rule {Rule} could not open a socket to upstream {Upstream}: {Error}")]
    public static partial void UpstreamSocketFailed(ILogger logger, string rule, string upstream, SocketError error);
}
