using System.Buffers.Binary;

namespace RelayCluster.Bench.Udp;

/// <summary>
/// The header every <c>udp-load</c> datagram starts with: magic, run id, flow id, window slot, sequence and send
/// timestamp, little-endian. The rest of the datagram is filler.
/// </summary>
internal static class UdpLoadPayload
{
    public const int HeaderSize = 32;
    public const uint Magic = 0x594C4252;

    public static void Write(Span<byte> datagram, uint runId, int flow, int slot, long sequence, long timestamp)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(datagram, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(datagram[4..], runId);
        BinaryPrimitives.WriteInt32LittleEndian(datagram[8..], flow);
        BinaryPrimitives.WriteInt32LittleEndian(datagram[12..], slot);
        BinaryPrimitives.WriteInt64LittleEndian(datagram[16..], sequence);
        BinaryPrimitives.WriteInt64LittleEndian(datagram[24..], timestamp);
    }

    /// <summary>Reads a header; false when the datagram is too short or was not sent by this run.</summary>
    public static bool TryRead(ReadOnlySpan<byte> datagram, uint runId, out int flow, out int slot, out long sequence)
    {
        flow = 0;
        slot = 0;
        sequence = 0;
        if (datagram.Length < HeaderSize
            || BinaryPrimitives.ReadUInt32LittleEndian(datagram) != Magic
            || BinaryPrimitives.ReadUInt32LittleEndian(datagram[4..]) != runId)
        {
            return false;
        }

        flow = BinaryPrimitives.ReadInt32LittleEndian(datagram[8..]);
        slot = BinaryPrimitives.ReadInt32LittleEndian(datagram[12..]);
        sequence = BinaryPrimitives.ReadInt64LittleEndian(datagram[16..]);
        return true;
    }
}
