using System.Net.Sockets;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Listeners;

namespace RelayCluster.Node.Sessions;

public sealed partial class TcpSession
{
    private TcpEpollPump? _epollPump;

    /// <summary>
    /// Whether a rule's connected sessions are pumped by the epoll workers rather than async socket operations: on
    /// Linux, unless <paramref name="io"/> asks for the async path. Only plain TCP can take it, since the workers copy
    /// raw bytes between the two sockets: a rule that wraps a connection in a stream (TLS) must stay on the async path.
    /// </summary>
    internal static bool UsesEpoll(TcpIo io, RuleConfig rule) => io != TcpIo.Async && OperatingSystem.IsLinux() && rule.Protocol == RuleProtocol.Tcp;

    private async Task<SessionCloseReason> PumpOnEpollAsync(Socket upstream)
    {
        var pump = new TcpEpollPump(this, _client, upstream, _buffers);
        lock (_gate)
        {
            if (_closed != 0)
            {
                return CloseReason ?? SessionCloseReason.Failed;
            }

            _epollPump = pump;
        }

        return await pump.RunAsync(TcpEpollWorker.Pick());
    }
}
