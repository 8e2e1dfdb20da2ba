using System.Runtime.InteropServices;

namespace RelayCluster.Node.Internal;

/// <summary>
/// Outgoing UDP messages for one <c>sendmmsg</c>, each carrying one datagram or several of one size to one address. A
/// message of several datagrams names their size in a <c>UDP_SEGMENT</c> control message (UDP GSO): the kernel walks its
/// send path once for all of them and cuts them apart at the end (on loopback, at the receiving socket), so the receiver
/// still gets separate datagrams. .NET has no API for segmentation offload, hence the raw message headers. 64-bit Linux.
/// </summary>
internal sealed unsafe class SegmentedMessages : IDisposable
{
    /// <summary>Datagrams one message carries at most (the kernel's <c>UDP_MAX_SEGMENTS</c> of older releases).</summary>
    public const int MaxSegments = 64;

    /// <summary>Bytes one message carries at most: one IPv4 or IPv6 payload, less room for the headers.</summary>
    public const int MaxBytes = 65_000;

    // struct cmsghdr (8-byte length, level, type) and a 2-byte segment size, padded: CMSG_LEN(2) is 18, CMSG_SPACE(2) 24.
    private const int ControlLength = 18;
    private const int ControlSpace = 24;

    private readonly byte* _messages;
    private readonly byte* _controls;
    private readonly int _capacity;

    public SegmentedMessages(int capacity)
    {
        _capacity = capacity;
        _messages = (byte*)NativeMemory.AllocZeroed((nuint)(capacity * LinuxSockets.MessageHeaderSize));
        _controls = (byte*)NativeMemory.AllocZeroed((nuint)(capacity * ControlSpace));
        for (var i = 0; i < capacity; i++)
        {
            var control = _controls + (i * ControlSpace);
            *(nuint*)control = ControlLength;
            *(int*)(control + 8) = LinuxSockets.SolUdp;
            *(int*)(control + 12) = LinuxSockets.UdpSegment;
        }
    }

    /// <summary>
    /// The largest datagram that may share a message: lowered below the size of a message the kernel refused (a route
    /// whose device cannot segment, a datagram over the path's MTU), whose datagrams then leave one by one.
    /// </summary>
    public int SegmentLimit { get; private set; } = MaxBytes;

    /// <summary>How many messages are waiting to be sent.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Adds a message of <paramref name="segments"/> datagrams whose iovecs follow each other from
    /// <paramref name="vectors"/>; every datagram but the last is <paramref name="segmentSize"/> bytes, the last no longer.
    /// <paramref name="name"/> is the destination, or null on a connected socket.
    /// </summary>
    public void Add(byte* vectors, int segments, int segmentSize, byte* name, uint nameLength)
    {
        if (Count == _capacity)
        {
            throw new InvalidOperationException("No room for another message.");
        }

        var message = Message(Count);
        *(byte**)(message + LinuxSockets.MessageNameOffset) = name;
        *(uint*)(message + LinuxSockets.MessageNameLengthOffset) = nameLength;
        *(byte**)(message + LinuxSockets.MessageVectorOffset) = vectors;
        *(nuint*)(message + LinuxSockets.MessageVectorCountOffset) = (nuint)segments;
        if (segments > 1)
        {
            var control = _controls + (Count * ControlSpace);
            *(ushort*)(control + 16) = (ushort)segmentSize;
            *(byte**)(message + LinuxSockets.MessageControlOffset) = control;
            *(nuint*)(message + LinuxSockets.MessageControlLengthOffset) = ControlSpace;
        }
        else
        {
            *(byte**)(message + LinuxSockets.MessageControlOffset) = null;
            *(nuint*)(message + LinuxSockets.MessageControlLengthOffset) = 0;
        }

        Count++;
    }

    /// <summary>
    /// Whether a datagram of <paramref name="next"/> bytes may join a message of <paramref name="segments"/> datagrams of
    /// <paramref name="segmentSize"/> bytes, <paramref name="total"/> bytes in all, whose last is <paramref name="last"/> bytes.
    /// </summary>
    public bool Fits(int segmentSize, int segments, int total, int last, int next) =>
        segmentSize <= SegmentLimit && last == segmentSize && next <= segmentSize && segments < MaxSegments && total + next <= MaxBytes;

    /// <summary>
    /// Stops grouping datagrams of <paramref name="segmentSize"/> bytes or more when <paramref name="error"/>, the errno of
    /// a message of such datagrams that failed, says the kernel refused the segmentation itself: <c>EINVAL</c> (a socket
    /// without checksums, a segment over the path's MTU), <c>EIO</c> (a device or route that cannot segment) or
    /// <c>EMSGSIZE</c>. Any other error belongs to the destination (a closed port's <c>ECONNREFUSED</c>, a route's
    /// <c>ENETUNREACH</c>) and leaves grouping on. Either way the caller sends the message's datagrams one by one.
    /// </summary>
    public void Refused(int segmentSize, int error)
    {
        if (error is LinuxSockets.Einval or LinuxSockets.Eio or LinuxSockets.Emsgsize)
        {
            SegmentLimit = Math.Min(SegmentLimit, segmentSize - 1);
        }
    }

    /// <summary>Sends the messages from <paramref name="start"/> on; how many left, or -1 with the error in errno.</summary>
    public int Send(int fd, int start) => LinuxSockets.SendMessages(fd, Message(start), (uint)(Count - start), 0);

    /// <summary>The bytes the last <see cref="Send"/> sent of message <paramref name="index"/>.</summary>
    public int SentBytes(int index) => (int)*(uint*)(Message(index) + LinuxSockets.MessageLengthOffset);

    /// <summary>Forgets every message.</summary>
    public void Clear() => Count = 0;

    private byte* Message(int index) => _messages + (index * LinuxSockets.MessageHeaderSize);

    public void Dispose()
    {
        NativeMemory.Free(_messages);
        NativeMemory.Free(_controls);
    }
}
