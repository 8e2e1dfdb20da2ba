using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using RelayCluster.Node.Internal;

namespace RelayCluster.Node.Sessions;

/// <summary>
/// One of the threads that relay plain TCP sessions on Linux, like an nginx or HAProxy worker: an epoll set holding
/// both sockets of each session given to it, non-blocking reads into one buffer shared by all its sessions, and sends
/// straight to the other socket. One worker per core, at most four, shared by every rule of the process.
/// </summary>
/// <remarks>
/// Edge-triggered: each socket is added once, for reading and writing, and never modified afterwards. Stopping to read
/// a source while its target is full (the backpressure) and reading again once it drained are flags on the session,
/// not epoll_ctl calls; a source with data left when its turn ended waits in the worker's queue instead of an event.
/// </remarks>
internal sealed class TcpEpollWorker
{
    private const int MaxEvents = 256;
    private const int BufferBytes = 256 * 1024;
    private const uint SocketEvents = LinuxSockets.EpollIn | LinuxSockets.EpollOut | LinuxSockets.EpollRdHup | LinuxSockets.EpollEdgeTriggered;
    private const uint ConnectEvents = LinuxSockets.EpollOut | LinuxSockets.EpollEdgeTriggered;

    // Set in the tag of a socket that is still connecting; a session's tags are its id shifted left by one.
    private const ulong ConnectTag = 1UL << 63;

    private static readonly Lazy<TcpEpollWorker[]> s_workers = new(StartWorkers);
    private static long s_nextId;

    private readonly int _epoll;
    private readonly ConcurrentDictionary<long, TcpEpollPump> _pumps = new();
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _connects = new();
    private readonly Queue<TcpEpollPump> _queue = new();
    private int _sessions;

    private TcpEpollWorker(string name)
    {
        _epoll = LinuxSockets.EpollCreate(LinuxSockets.EpollCloexec);
        if (_epoll < 0)
        {
            throw new SocketException(Marshal.GetLastPInvokeError());
        }

        new Thread(Run) { IsBackground = true, Name = name }.Start();
    }

    /// <summary>
    /// Gives a new session the worker with the fewest, counted from now on (connections that arrive together spread
    /// out before any is registered) until <see cref="Leave"/>. The threads start on first use.
    /// </summary>
    public static TcpEpollWorker Take()
    {
        var workers = s_workers.Value;
        var pick = workers[0];
        foreach (var worker in workers)
        {
            if (Volatile.Read(ref worker._sessions) < Volatile.Read(ref pick._sessions))
            {
                pick = worker;
            }
        }

        Interlocked.Increment(ref pick._sessions);
        return pick;
    }

    /// <summary>Counts off a session that <see cref="Take"/> gave this worker.</summary>
    public void Leave() => Interlocked.Decrement(ref _sessions);

    /// <summary>
    /// Completes <paramref name="connected"/> once <paramref name="socket"/>, whose non-blocking connect is under way,
    /// is writable: connected, or failed (its <c>SO_ERROR</c> says which). The socket stays in this worker's set, for
    /// <see cref="Register"/> to take over.
    /// </summary>
    public async Task WaitConnectedAsync(Socket socket, TaskCompletionSource connected, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref s_nextId);
        _connects[id] = connected;
        try
        {
            var handle = socket.SafeHandle;
            var added = false;
            try
            {
                // Holding a reference keeps the descriptor from being closed, and reused, while it is added.
                handle.DangerousAddRef(ref added);
                if (LinuxSockets.EpollAdd(_epoll, (int)handle.DangerousGetHandle(), ConnectEvents, ConnectTag | (ulong)id) != 0)
                {
                    throw new SocketException(Marshal.GetLastPInvokeError());
                }
            }
            finally
            {
                if (added)
                {
                    handle.DangerousRelease();
                }
            }

            using var registration = cancellationToken.UnsafeRegister(
                static (state, token) => ((TaskCompletionSource)state!).TrySetCanceled(token), connected);
            await connected.Task.ConfigureAwait(false);
        }
        finally
        {
            _connects.TryRemove(id, out _);
        }
    }

    /// <summary>
    /// Adds both sockets of <paramref name="pump"/> (the upstream one may still be in the set from
    /// <see cref="WaitConnectedAsync"/>); data already waiting on them is reported at once.
    /// </summary>
    public void Register(TcpEpollPump pump)
    {
        pump.Id = Interlocked.Increment(ref s_nextId);
        _pumps[pump.Id] = pump;
        var tag = (ulong)pump.Id << 1;
        if (LinuxSockets.EpollAdd(_epoll, pump.ClientFd, SocketEvents, tag) != 0
            || (LinuxSockets.EpollModify(_epoll, pump.UpstreamFd, SocketEvents, tag | 1) != 0
                && LinuxSockets.EpollAdd(_epoll, pump.UpstreamFd, SocketEvents, tag | 1) != 0))
        {
            var error = Marshal.GetLastPInvokeError();
            Unregister(pump);
            throw new SocketException(error);
        }
    }

    /// <summary>Removes both sockets of <paramref name="pump"/>; must run before they are closed.</summary>
    public void Unregister(TcpEpollPump pump)
    {
        if (_pumps.TryRemove(pump.Id, out _))
        {
            LinuxSockets.EpollRemove(_epoll, pump.ClientFd);
            LinuxSockets.EpollRemove(_epoll, pump.UpstreamFd);
        }
    }

    private static TcpEpollWorker[] StartWorkers() =>
        [.. Enumerable.Range(0, Math.Clamp(Environment.ProcessorCount, 1, 4)).Select(i => new TcpEpollWorker($"tcp-epoll-{i}"))];

    private unsafe void Run()
    {
        var events = (byte*)NativeMemory.Alloc((nuint)(MaxEvents * LinuxSockets.EpollEventSize));
        var buffer = (byte*)NativeMemory.Alloc(BufferBytes);
        while (true)
        {
            // Sessions with data left from their last turn go on without waiting for an event that will not come.
            var count = LinuxSockets.EpollWait(_epoll, events, MaxEvents, _queue.Count > 0 ? 0 : -1);
            for (var i = 0; i < count; i++)
            {
                var entry = events + (i * LinuxSockets.EpollEventSize);
                var tag = *(ulong*)(entry + LinuxSockets.EpollDataOffset);
                if ((tag & ConnectTag) != 0)
                {
                    if (_connects.TryGetValue((long)(tag & ~ConnectTag), out var connected))
                    {
                        connected.TrySetResult();
                    }
                }
                else if (_pumps.TryGetValue((long)(tag >> 1), out var pump) && pump.OnEvents((int)(tag & 1), *(uint*)entry, buffer, BufferBytes))
                {
                    Enqueue(pump);
                }
            }

            for (var waiting = _queue.Count; waiting > 0; waiting--)
            {
                var pump = _queue.Dequeue();
                pump.Queued = false;
                if (pump.Turn(buffer, BufferBytes))
                {
                    Enqueue(pump);
                }
            }
        }
    }

    private void Enqueue(TcpEpollPump pump)
    {
        if (!pump.Queued)
        {
            pump.Queued = true;
            _queue.Enqueue(pump);
        }
    }
}
