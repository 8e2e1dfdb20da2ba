using System.Buffers;

namespace RelayCluster.Node.Sessions;

/// <summary>
/// The read buffers of TCP sessions: rented only while data moves (after a zero-byte read said some is there), so
/// memory grows with active transfers, never with idle connections. Tracks the bytes lent out.
/// </summary>
public sealed class TcpBufferPool
{
    private long _rented;

    /// <summary>Creates a pool lending buffers of <paramref name="bufferSize"/> bytes.</summary>
    public TcpBufferPool(int bufferSize) => BufferSize = bufferSize;

    /// <summary>The size of one buffer: the most one direction of one session holds at a time.</summary>
    public int BufferSize { get; }

    /// <summary>Bytes lent out now.</summary>
    public long BytesRented => Interlocked.Read(ref _rented);

    /// <summary>Lends a buffer of at least <see cref="BufferSize"/> bytes.</summary>
    public byte[] Rent()
    {
        Interlocked.Add(ref _rented, BufferSize);
        return ArrayPool<byte>.Shared.Rent(BufferSize);
    }

    /// <summary>Takes a buffer back.</summary>
    public void Return(byte[] buffer)
    {
        ArrayPool<byte>.Shared.Return(buffer);
        Interlocked.Add(ref _rented, -BufferSize);
    }
}
