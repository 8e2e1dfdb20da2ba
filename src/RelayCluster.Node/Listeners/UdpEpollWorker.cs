using System.Net;
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using RelayCluster.Node.Internal;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Listeners;

/// <summary>
/// One thread that owns one of a UDP rule's listen sockets and the upstream sockets of the sessions opened through it,
/// like an nginx worker: a level-triggered epoll set, non-blocking reads until the socket is empty, and blocking sends.
/// No task, no mailbox and no allocation per datagram; one shared receive buffer instead of one per session.
/// </summary>
internal sealed unsafe class UdpEpollWorker : IDisposable
{
    private const ulong ListenerTag = 0;
    private const int MaxEvents = 256;
    private const int WaitMs = 200;

    // Datagrams read from one socket per wake-up, so one busy peer cannot starve the others.
    private const int ReadBudget = 64;

    private readonly UdpListener _listener;
    private readonly Socket _socket;
    private readonly int _epoll;
    private readonly Thread _thread;
    private readonly ConcurrentDictionary<ulong, UdpSession> _sessions = new();
    private readonly byte[] _buffer;
    private long _nextTag;
    private volatile bool _stopping;

    public UdpEpollWorker(UdpListener listener, Socket socket, int maxDatagram, string name)
    {
        _listener = listener;
        _socket = socket;
        // Client datagrams land after room for a PROXY header; upstream replies use the whole buffer.
        _buffer = GC.AllocateUninitializedArray<byte>(UdpSession.HeaderRoom + maxDatagram + 1, pinned: true);
        _epoll = LinuxSockets.EpollCreate(LinuxSockets.EpollCloexec);
        if (_epoll < 0)
        {
            throw new SocketException(Marshal.GetLastPInvokeError());
        }

        if (LinuxSockets.EpollAdd(_epoll, (int)socket.SafeHandle.DangerousGetHandle(), ListenerTag) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            LinuxSockets.Close(_epoll);
            throw new SocketException(error);
        }

        _thread = new Thread(Run) { IsBackground = true, Name = name };
    }

    public void Start() => _thread.Start();

    /// <summary>Adds a session's upstream socket; replies that arrived before this are reported at once (level-triggered).</summary>
    public void Register(UdpSession session)
    {
        var tag = (ulong)Interlocked.Increment(ref _nextTag);
        session.WorkerTag = tag;
        _sessions[tag] = session;
        if (LinuxSockets.EpollAdd(_epoll, session.UpstreamFd, tag) != 0)
        {
            _sessions.TryRemove(tag, out _);
            throw new SocketException(Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>Removes a session's socket; must run before the socket is closed.</summary>
    public void Unregister(UdpSession session)
    {
        if (_sessions.TryRemove(session.WorkerTag, out _))
        {
            LinuxSockets.EpollRemove(_epoll, session.UpstreamFd);
        }
    }

    private void Run()
    {
        var events = (byte*)NativeMemory.Alloc((nuint)(MaxEvents * LinuxSockets.EpollEventSize));
        var address = new SocketAddress(_socket.AddressFamily);
        using var addressPin = address.Buffer.Pin();
        try
        {
            while (!_stopping)
            {
                var count = LinuxSockets.EpollWait(_epoll, events, MaxEvents, WaitMs);
                for (var i = 0; i < count; i++)
                {
                    var tag = *(ulong*)(events + (i * LinuxSockets.EpollEventSize) + LinuxSockets.EpollDataOffset);
                    if (tag == ListenerTag)
                    {
                        ReadClients(address, (byte*)addressPin.Pointer);
                    }
                    else if (_sessions.TryGetValue(tag, out var session))
                    {
                        session.ReadReplies(_buffer);
                    }
                }
            }
        }
        finally
        {
            NativeMemory.Free(events);
        }
    }

    private void ReadClients(SocketAddress address, byte* addressBytes)
    {
        var fd = (int)_socket.SafeHandle.DangerousGetHandle();
        fixed (byte* buffer = _buffer)
        {
            for (var i = 0; i < ReadBudget; i++)
            {
                var addressLength = address.Buffer.Length;
                var length = LinuxSockets.ReceiveFrom(
                    fd, buffer + UdpSession.HeaderRoom, (nuint)(_buffer.Length - UdpSession.HeaderRoom), LinuxSockets.MsgDontWait, addressBytes, &addressLength);
                if (length < 0)
                {
                    // EAGAIN: the socket is empty. Anything else (EINTR, a late ICMP error) ends this round; epoll reports again.
                    return;
                }

                address.Size = addressLength;
                _listener.OnClientDatagram(address, _buffer, (int)length, this);
            }
        }
    }

    public void Dispose()
    {
        _stopping = true;
        if (_thread.IsAlive)
        {
            _thread.Join();
        }

        LinuxSockets.Close(_epoll);
    }
}
