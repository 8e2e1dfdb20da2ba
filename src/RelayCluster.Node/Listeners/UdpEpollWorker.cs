using System.Diagnostics;
using System.Net;
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using RelayCluster.Node.Internal;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Listeners;

/// <summary>
/// One thread that owns one of a UDP rule's listen sockets and the upstream sockets of the sessions opened through it,
/// like an nginx worker: a level-triggered epoll set, non-blocking batch reads (<c>recvmmsg</c>), and blocking sends;
/// the replies of one wake-up leave together (<c>sendmmsg</c>) from this worker's listen socket, and the datagrams one
/// read brings for a session leave together on its upstream socket; datagrams of one session and one size go as one
/// segmented message (UDP GSO). Before it sleeps it polls for as long as the rule's adaptive <c>busy-poll</c> window
/// (<see cref="BusyPollWindow"/>) is open, so a steady exchange is relayed without a wake-up per datagram. No task, no
/// mailbox and no allocation per datagram; one set of receive buffers for all its sessions instead of one per session.
/// </summary>
internal sealed unsafe class UdpEpollWorker : IUdpSessionWorker, IDisposable
{
    private const ulong ListenerTag = 0;
    private const int MaxEvents = 256;
    private const int WaitMs = 200;

    // Client datagrams read per wake-up, so a flood on the listen socket cannot starve the sessions' replies.
    private const int ReadBudget = 64;

    // Batch slots: at most 32, and at most about 256 KiB of buffers per batch for rules with a large max-datagram.
    private const int MaxSlots = 32;
    private const int BatchBytes = 256 * 1024;

    private readonly UdpListener _listener;
    private readonly Socket _socket;
    private readonly int _epoll;
    private readonly Thread _thread;
    private readonly ConcurrentDictionary<ulong, UdpSession> _sessions = new();
    private readonly DatagramBatch _requests;
    private readonly UdpReplyBatch _replies;
    private readonly UdpUpstreamBatch _toUpstream;
    private BusyPollWindow _busyPoll;
    private long _eventsPolled;
    private long _eventsSlept;
    private long _nextTag;
    private volatile bool _stopping;

    public UdpEpollWorker(UdpListener listener, Socket socket, int maxDatagram, string name)
    {
        _listener = listener;
        _socket = socket;
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

        // Client datagrams land after room for a PROXY header, one byte longer than allowed so an oversized one is seen.
        var slotSize = UdpSession.HeaderRoom + maxDatagram + 1;
        var slots = Math.Clamp(BatchBytes / slotSize, 1, MaxSlots);
        _requests = new DatagramBatch(slots, slotSize, UdpSession.HeaderRoom, withNames: true);
        _replies = new UdpReplyBatch((int)socket.SafeHandle.DangerousGetHandle(), slots, maxDatagram);
        _toUpstream = new UdpUpstreamBatch(slots);
        _thread = new Thread(Run) { IsBackground = true, Name = name };
    }

    public void Start() => _thread.Start();

    /// <summary>Waits that found events while polling, so the worker did not sleep for them.</summary>
    internal long EventsPolled => Volatile.Read(ref _eventsPolled);

    /// <summary>Waits that slept and were woken by events.</summary>
    internal long EventsSlept => Volatile.Read(ref _eventsSlept);

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
        _toUpstream.UseOnThisThread();
        try
        {
            while (!_stopping)
            {
                var count = Wait(events);
                for (var i = 0; i < count; i++)
                {
                    var tag = *(ulong*)(events + (i * LinuxSockets.EpollEventSize) + LinuxSockets.EpollDataOffset);
                    if (tag == ListenerTag)
                    {
                        ReadClients(address);
                    }
                    else if (_sessions.TryGetValue(tag, out var session))
                    {
                        session.ReadReplies(_replies);
                    }
                }

                _replies.Flush();
            }
        }
        finally
        {
            NativeMemory.Free(events);
        }
    }

    // Polls while the busy-poll window is open (giving the core to any runnable thread between polls), then sleeps.
    private int Wait(byte* events)
    {
        _busyPoll.Use(_listener.Rule.Config.BusyPoll);
        var idleSince = Stopwatch.GetTimestamp();
        if (_busyPoll.Ticks > 0)
        {
            var until = idleSince + _busyPoll.Ticks;
            do
            {
                var polled = LinuxSockets.EpollWait(_epoll, events, MaxEvents, 0);
                if (polled != 0)
                {
                    _eventsPolled++;
                    return polled;
                }

                Thread.Yield();
            }
            while (Stopwatch.GetTimestamp() < until);
        }

        var count = LinuxSockets.EpollWait(_epoll, events, MaxEvents, WaitMs);
        if (count > 0)
        {
            _eventsSlept++;
        }

        _busyPoll.Slept(count > 0 ? Stopwatch.GetTimestamp() - idleSince : long.MaxValue);
        return count;
    }

    private void ReadClients(SocketAddress address)
    {
        var fd = (int)_socket.SafeHandle.DangerousGetHandle();
        for (var budget = ReadBudget; budget > 0;)
        {
            var asked = Math.Min(budget, _requests.Count);
            var received = _requests.Receive(fd, 0, asked, senders: true);
            if (received < 0)
            {
                // EAGAIN: the socket is empty. Anything else (EINTR, a late ICMP error) ends this round; epoll reports again.
                return;
            }

            for (var i = 0; i < received; i++)
            {
                var sender = _requests.Name(i);
                sender.CopyTo(address.Buffer.Span);
                address.Size = sender.Length;
                _listener.OnClientDatagram(address, _requests.Slot(i), _requests.Length(i), this);
            }

            // Before the slots are read into again: each session's datagrams of this read leave together.
            _toUpstream.Flush();

            if (received < asked)
            {
                // The socket is empty: no further call just to learn that it would block.
                return;
            }

            budget -= received;
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
        _requests.Dispose();
        _replies.Dispose();
        _toUpstream.Dispose();
    }
}
