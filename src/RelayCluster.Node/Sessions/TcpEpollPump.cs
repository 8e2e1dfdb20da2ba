using System.Net.Sockets;
using RelayCluster.Node.Internal;

namespace RelayCluster.Node.Sessions;

/// <summary>
/// Both directions of a connected TCP session on one epoll worker. The worker calls it with each socket's events; the
/// session's <see cref="TcpSession.Close"/> detaches it, under the same lock, before the sockets are disposed, so the
/// worker never touches a descriptor after its close (nor one the kernel reused for another connection).
/// </summary>
internal sealed unsafe class TcpEpollPump
{
    // The low bit of a socket's epoll tag: 0 for the client socket, 1 for the upstream socket.
    private const int ClientSide = 0;
    private const int ReadEvents = LinuxSockets.EpollIn | LinuxSockets.EpollRdHup | LinuxSockets.EpollHup | LinuxSockets.EpollErr;
    private const int FinishedEvents = LinuxSockets.EpollRdHup | LinuxSockets.EpollHup | LinuxSockets.EpollErr;
    private const int WriteEvents = LinuxSockets.EpollOut | LinuxSockets.EpollHup | LinuxSockets.EpollErr;

    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<SessionCloseReason> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TcpEpollFlow _toUpstream;
    private readonly TcpEpollFlow _toClient;
    private TcpEpollWorker? _worker;
    private TcpEpollFlow? _firstEnded;
    private bool _detached;

    public TcpEpollPump(TcpSession session, Socket client, Socket upstream, TcpBufferPool buffers)
    {
        ClientFd = (int)client.SafeHandle.DangerousGetHandle();
        UpstreamFd = (int)upstream.SafeHandle.DangerousGetHandle();
        _toUpstream = new TcpEpollFlow(session, buffers, ClientFd, UpstreamFd, TcpDirection.ToUpstream);
        _toClient = new TcpEpollFlow(session, buffers, UpstreamFd, ClientFd, TcpDirection.ToClient);
    }

    /// <summary>The pump's key in its worker; the low bit of an epoll tag tells which of its sockets the event is for.</summary>
    public long Id { get; set; }

    public int ClientFd { get; }

    public int UpstreamFd { get; }

    /// <summary>Whether the pump waits in its worker's queue for another turn.</summary>
    public bool Queued { get; set; }

    /// <summary>Hands both sockets to a worker; completes with the session's close reason when both directions ended.</summary>
    public Task<SessionCloseReason> RunAsync(TcpEpollWorker worker)
    {
        lock (_gate)
        {
            if (!_detached)
            {
                _worker = worker;
                worker.Register(this);
            }
        }

        return _ended.Task;
    }

    /// <summary>Stops the pump for the session's close; must run before the sockets are disposed.</summary>
    public void Detach(SessionCloseReason reason)
    {
        lock (_gate)
        {
            if (_detached)
            {
                return;
            }

            Release();
        }

        _ended.TrySetResult(reason);
    }

    /// <summary>Handles the events epoll reported for one of the sockets; called by the worker only.</summary>
    public bool OnEvents(int side, uint events, byte* buffer, int bufferLength)
    {
        var (reading, writing) = side == ClientSide ? (_toUpstream, _toClient) : (_toClient, _toUpstream);
        if ((events & ReadEvents) != 0)
        {
            reading.Readable = true;
            reading.PeerFinished |= (events & FinishedEvents) != 0;
        }

        if ((events & WriteEvents) != 0)
        {
            writing.TargetFull = false;
        }

        return Turn(buffer, bufferLength);
    }

    /// <summary>Runs both directions once; true when one of them wants another turn. Called by the worker only.</summary>
    public bool Turn(byte* buffer, int bufferLength)
    {
        SessionCloseReason? end = null;
        var again = false;
        lock (_gate)
        {
            if (_detached)
            {
                return false;
            }

            again |= _toUpstream.Run(buffer, bufferLength);
            again |= _toClient.Run(buffer, bufferLength);
            end = Ended();
            if (end is not null)
            {
                Release();
                again = false;
            }
        }

        if (end is { } reason)
        {
            _ended.TrySetResult(reason);
        }

        return again;
    }

    /// <summary>The session's close reason once it is over, by <see cref="TcpPumpEnd.SessionEnd"/>; null while it runs.</summary>
    private SessionCloseReason? Ended()
    {
        _firstEnded ??= _toUpstream.End is not null ? _toUpstream : _toClient.End is not null ? _toClient : null;
        var second = ReferenceEquals(_firstEnded, _toClient) ? _toUpstream : _toClient;
        return TcpPumpEnd.SessionEnd(_firstEnded?.End, second.End);
    }

    private void Release()
    {
        _detached = true;
        _worker?.Unregister(this);
        _toUpstream.ReleaseBuffer();
        _toClient.ReleaseBuffer();
    }
}
