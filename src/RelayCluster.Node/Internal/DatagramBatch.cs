using System.Runtime.InteropServices;

namespace RelayCluster.Node.Internal;

/// <summary>
/// Slots for <see cref="LinuxSockets.ReceiveMessages"/> and <see cref="LinuxSockets.SendMessages"/>: one
/// <c>mmsghdr</c>, one <c>iovec</c> and room for one address per slot in native memory, and each slot's datagram buffer
/// in one pinned array. A slot's buffer is <see cref="SlotSize"/> bytes; its datagram starts <see cref="Offset"/> bytes
/// in. 64-bit Linux only.
/// </summary>
internal sealed unsafe class DatagramBatch : IDisposable
{
    private readonly byte* _messages;
    private readonly byte* _vectors;
    private readonly byte* _names;
    private readonly byte[] _data;
    private readonly byte* _dataStart;
    private readonly int _capacity;

    public DatagramBatch(int count, int slotSize, int offset, bool withNames)
    {
        Count = count;
        SlotSize = slotSize;
        Offset = offset;
        _capacity = slotSize - offset;
        // Pinned, so the addresses in the iovecs stay valid; kept in a field, so the array lives as long as the batch.
        _data = GC.AllocateUninitializedArray<byte>(count * slotSize, pinned: true);
        _dataStart = (byte*)Marshal.UnsafeAddrOfPinnedArrayElement(_data, 0);
        _messages = (byte*)NativeMemory.AllocZeroed((nuint)(count * LinuxSockets.MessageHeaderSize));
        _vectors = (byte*)NativeMemory.AllocZeroed((nuint)(count * LinuxSockets.VectorSize));
        _names = withNames ? (byte*)NativeMemory.AllocZeroed((nuint)(count * LinuxSockets.AddressRoom)) : null;
        for (var i = 0; i < count; i++)
        {
            var message = Message(i);
            *(byte**)(message + LinuxSockets.MessageVectorOffset) = Vector(i);
            *(nuint*)(message + LinuxSockets.MessageVectorCountOffset) = 1;
            if (withNames)
            {
                *(byte**)(message + LinuxSockets.MessageNameOffset) = _names + (i * LinuxSockets.AddressRoom);
            }

            *(byte**)Vector(i) = _dataStart + (i * slotSize) + offset;
        }
    }

    /// <summary>How many slots there are.</summary>
    public int Count { get; }

    /// <summary>The bytes of each slot's buffer.</summary>
    public int SlotSize { get; }

    /// <summary>Where a slot's datagram starts in its buffer.</summary>
    public int Offset { get; }

    /// <summary>
    /// Receives into slots <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> without
    /// waiting, with the senders' addresses when <paramref name="senders"/> is set; the number received, or -1.
    /// </summary>
    public int Receive(int fd, int start, int count, bool senders)
    {
        var nameLength = senders && _names is not null ? LinuxSockets.AddressRoom : 0u;
        for (var i = start; i < start + count; i++)
        {
            *(nuint*)(Vector(i) + 8) = (nuint)_capacity;
            *(uint*)(Message(i) + LinuxSockets.MessageNameLengthOffset) = nameLength;
        }

        return LinuxSockets.ReceiveMessages(fd, Message(start), (uint)count, LinuxSockets.MsgDontWait, null);
    }

    /// <summary>Sends slots <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/>; the number sent, or -1.</summary>
    public int Send(int fd, int start, int count) => LinuxSockets.SendMessages(fd, Message(start), (uint)count, 0);

    /// <summary>The bytes the last call received into, or sent from, slot <paramref name="index"/>.</summary>
    public int Length(int index) => (int)*(uint*)(Message(index) + LinuxSockets.MessageLengthOffset);

    /// <summary>Makes slot <paramref name="index"/> send its first <paramref name="length"/> bytes.</summary>
    public void SetLength(int index, int length) => *(nuint*)(Vector(index) + 8) = (nuint)length;

    /// <summary>The bytes slot <paramref name="index"/> sends, as set by <see cref="SetLength"/>.</summary>
    public int SendLength(int index) => (int)*(nuint*)(Vector(index) + 8);

    /// <summary>The bytes of slot <paramref name="index"/>'s buffer (its datagram at <see cref="Offset"/>).</summary>
    public Span<byte> Slot(int index) => new(*(byte**)Vector(index) - Offset, SlotSize);

    /// <summary>The address received into slot <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Name(int index) =>
        new(_names + (index * LinuxSockets.AddressRoom), (int)*(uint*)(Message(index) + LinuxSockets.MessageNameLengthOffset));

    /// <summary>Sets the address slot <paramref name="index"/> is sent to.</summary>
    public void SetName(int index, ReadOnlySpan<byte> address)
    {
        address.CopyTo(new Span<byte>(_names + (index * LinuxSockets.AddressRoom), LinuxSockets.AddressRoom));
        *(uint*)(Message(index) + LinuxSockets.MessageNameLengthOffset) = (uint)address.Length;
    }

    /// <summary>The <c>iovec</c> of slot <paramref name="index"/>; the slots' iovecs follow each other in memory.</summary>
    public byte* VectorAddress(int index) => Vector(index);

    /// <summary>The address of slot <paramref name="index"/> and its length, as the kernel takes them.</summary>
    public byte* NameAddress(int index, out uint length)
    {
        length = *(uint*)(Message(index) + LinuxSockets.MessageNameLengthOffset);
        return _names + (index * LinuxSockets.AddressRoom);
    }

    /// <summary>Exchanges the buffers of two slots, so a kept datagram moves down over a dropped one without a copy.</summary>
    public void SwapBuffers(int a, int b)
    {
        var vectorA = (byte**)Vector(a);
        var vectorB = (byte**)Vector(b);
        var buffer = *vectorA;
        *vectorA = *vectorB;
        *vectorB = buffer;
    }

    private byte* Message(int index) => _messages + (index * LinuxSockets.MessageHeaderSize);

    private byte* Vector(int index) => _vectors + (index * LinuxSockets.VectorSize);

    public void Dispose()
    {
        NativeMemory.Free(_messages);
        NativeMemory.Free(_vectors);
        NativeMemory.Free(_names);
    }
}
