using System.Net;
using System.Net.Sockets;
using RelayCluster.Core.Configuration;

namespace RelayCluster.Node.Sessions;

public sealed partial class TcpSession
{
    private TcpEpollWorker? _epollWorker;
    private TcpEpollPump? _epollPump;
    private TaskCompletionSource? _connectWait;
    private bool? _onEpoll;

    /// <summary>
    /// Whether a rule's sessions are connected and pumped by the epoll workers rather than async socket operations: on
    /// Linux, unless <paramref name="io"/> asks for the async path. Only plain TCP can take it, since the workers copy
    /// raw bytes between the two sockets: a rule with TLS on either side stays on the stream path.
    /// </summary>
    internal static bool UsesEpoll(TcpIo io, RuleConfig rule) =>
        io != TcpIo.Async && OperatingSystem.IsLinux() && rule.Protocol == RuleProtocol.Tcp && rule.Tls is null && !rule.UpstreamTls.Enabled;

    /// <summary>Whether this session takes the epoll path: decided once, so its connect and its pump agree.</summary>
    private bool OnEpoll => _onEpoll ??= UsesEpoll(_io, _rule.Config);

    /// <summary>Connects <paramref name="socket"/>; on the epoll path without .NET's socket engine.</summary>
    private async Task ConnectUpstreamAsync(Socket socket, IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        if (!OnEpoll)
        {
            await socket.ConnectAsync(endPoint, cancellationToken);
            return;
        }

        // A socket that .NET's engine once waited on stays in the engine's epoll set, and every later event on it would
        // wake an engine thread for nothing: so the connect is waited for on the worker that will pump the session.
        socket.Blocking = false;
        try
        {
            socket.Connect(endPoint);
            return;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.InProgress or SocketError.WouldBlock)
        {
        }

        var worker = TakeEpollWorker() ?? throw new OperationCanceledException("The session closed while connecting.");
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _connectWait, connected);
        if (IsClosed)
        {
            connected.TrySetCanceled(CancellationToken.None);
        }

        try
        {
            await worker.WaitConnectedAsync(socket, connected, cancellationToken);
        }
        finally
        {
            Interlocked.CompareExchange(ref _connectWait, null, connected);
        }

        var error = (SocketError)(int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
        if (error != SocketError.Success)
        {
            throw new SocketException((int)error);
        }
    }

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
            _epollWorker ??= TcpEpollWorker.Take();
        }

        return await pump.RunAsync(_epollWorker);
    }

    /// <summary>The session's worker, taken on first use; null once the session is closed.</summary>
    private TcpEpollWorker? TakeEpollWorker()
    {
        lock (_gate)
        {
            return _closed != 0 ? null : _epollWorker ??= TcpEpollWorker.Take();
        }
    }

    /// <summary>Ends the session's connect wait and takes its sockets off the worker; runs before they are disposed.</summary>
    private void DetachEpoll(TcpEpollPump? pump, SessionCloseReason reason)
    {
        Interlocked.Exchange(ref _connectWait, null)?.TrySetCanceled();
        pump?.Detach(reason);

        // Taken only under the gate while the session was open, so Close (which shut the gate) sees it.
        _epollWorker?.Leave();
    }
}
