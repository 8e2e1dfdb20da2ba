using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RelayCluster.Node.Internal;

namespace RelayCluster.Node.Sessions;

/// <summary>
/// Client datagrams on their way to upstreams, gathered while an epoll worker handles one batch read from its listen
/// socket and sent when the batch is done: the datagrams of one session, in their order, leave as one segmented message
/// on its upstream socket (<see cref="SegmentedMessages"/>) where their sizes allow, one by one where not.
/// Sessions keep their own order; different sessions' datagrams may pass each other.
/// </summary>
internal sealed unsafe class UdpUpstreamBatch : IDisposable
{
    [ThreadStatic]
    private static UdpUpstreamBatch? t_current;

    private readonly UdpSession?[] _sessions;
    private readonly nint[] _data;
    private readonly int[] _lengths;
    private readonly byte* _vectors;
    private readonly SegmentedMessages _message = new(1);
    private int _count;

    public UdpUpstreamBatch(int capacity)
    {
        _sessions = new UdpSession?[capacity];
        _data = new nint[capacity];
        _lengths = new int[capacity];
        _vectors = (byte*)NativeMemory.AllocZeroed((nuint)(Math.Min(capacity, SegmentedMessages.MaxSegments) * LinuxSockets.VectorSize));
    }

    /// <summary>
    /// The batch of the epoll worker running on this thread, whose datagrams sit in that worker's pinned receive slots
    /// until it calls <see cref="Flush"/>; null on any other thread, where a datagram is sent at once.
    /// </summary>
    public static UdpUpstreamBatch? Current => t_current;

    /// <summary>Makes this the batch of the calling thread (an epoll worker's, once, when it starts).</summary>
    public void UseOnThisThread() => t_current = this;

    /// <summary>The largest datagram this batch still groups with others (see <see cref="SegmentedMessages.SegmentLimit"/>).</summary>
    public int SegmentLimit => _message.SegmentLimit;

    /// <summary>Holds <paramref name="datagram"/> (pinned, and left in place until <see cref="Flush"/>) for <paramref name="session"/>.</summary>
    public void Add(UdpSession session, ReadOnlySpan<byte> datagram)
    {
        if (_count == _sessions.Length)
        {
            Flush();
        }

        _sessions[_count] = session;
        _data[_count] = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(datagram));
        _lengths[_count] = datagram.Length;
        _count++;
    }

    /// <summary>
    /// Sends what was added, each session's datagrams grouped into as few messages as their sizes allow; the number of
    /// messages that left (a datagram sent alone is one).
    /// </summary>
    public int Flush()
    {
        var messages = 0;
        for (var first = 0; first < _count; first++)
        {
            if (_sessions[first] is not { } session)
            {
                continue;
            }

            var size = _lengths[first];
            var segments = Take(first, 0);
            for (int next = first + 1, total = size; next < _count; next++)
            {
                if (_sessions[next] != session)
                {
                    continue;
                }

                if (!_message.Fits(size, segments, total, Length(segments - 1), _lengths[next]))
                {
                    // The session's next datagram waits for the next message, so its order holds.
                    break;
                }

                total += _lengths[next];
                segments = Take(next, segments);
            }

            messages += Send(session, segments, size);
        }

        _count = 0;
        return messages;
    }

    private int Take(int entry, int segment)
    {
        var vector = _vectors + (segment * LinuxSockets.VectorSize);
        *(nint*)vector = _data[entry];
        *(nuint*)(vector + 8) = (nuint)_lengths[entry];
        _sessions[entry] = null;
        return segment + 1;
    }

    private int Length(int segment) => (int)*(nuint*)(_vectors + (segment * LinuxSockets.VectorSize) + 8);

    private int Send(UdpSession session, int segments, int size)
    {
        if (segments == 1)
        {
            session.SendToUpstream(new ReadOnlySpan<byte>(*(byte**)_vectors, size));
            return 1;
        }

        _message.Clear();
        _message.Add(_vectors, segments, size, null, 0);
        if (session.SendToUpstream(_message, segments))
        {
            return 1;
        }

        _message.Refused(size, Marshal.GetLastPInvokeError());
        for (var segment = 0; segment < segments; segment++)
        {
            var vector = _vectors + (segment * LinuxSockets.VectorSize);
            session.SendToUpstream(new ReadOnlySpan<byte>(*(byte**)vector, Length(segment)));
        }

        return segments;
    }

    public void Dispose()
    {
        NativeMemory.Free(_vectors);
        _message.Dispose();
    }
}
