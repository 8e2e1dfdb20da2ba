using System.Runtime.InteropServices;
using RelayCluster.Node.Internal;

namespace RelayCluster.Node.Sessions;

/// <summary>
/// One direction of a TCP session on an epoll worker: reads its source into the worker's buffer and sends that straight
/// to its target. What the target cannot take yet is copied into a buffer from the rule's pool, and the source is not
/// read again until the target took it all: that is the backpressure, and the most one direction holds.
/// </summary>
internal sealed unsafe class TcpEpollFlow
{
    // Reads per turn, so one bulk transfer cannot keep the worker from its other sessions.
    private const int ReadsPerTurn = 16;
    private const int SendFlags = LinuxSockets.MsgDontWait | LinuxSockets.MsgNoSignal;

    private readonly TcpSession _session;
    private readonly TcpBufferPool _buffers;
    private readonly int _source;
    private readonly int _target;
    private readonly TcpDirection _direction;
    private byte[]? _pending;
    private int _pendingOffset;
    private int _pendingEnd;
    private int _pendingRead;

    public TcpEpollFlow(TcpSession session, TcpBufferPool buffers, int source, int target, TcpDirection direction)
    {
        _session = session;
        _buffers = buffers;
        _source = source;
        _target = target;
        _direction = direction;
    }

    /// <summary>Epoll said the source has data (or a FIN, or an error) that was not read yet.</summary>
    public bool Readable { get; set; }

    /// <summary>The source's peer finished sending: read until the FIN, even after a short read.</summary>
    public bool PeerFinished { get; set; }

    /// <summary>The target refused more bytes; only epoll saying it has room again clears this.</summary>
    public bool TargetFull { get; set; }

    /// <summary>Set once this direction has ended: after its FIN was passed on, or with a reset.</summary>
    public TcpPumpEnd? End { get; private set; }

    /// <summary>
    /// Moves what it can: first what the target still owes, then fresh reads until the source is empty, the target is
    /// full or the turn's reads are used up. Returns true when it should get another turn without a new event.
    /// </summary>
    public bool Run(byte* buffer, int bufferLength)
    {
        if (End is not null || (_pending is not null && (TargetFull || !Flush())))
        {
            return false;
        }

        var readLength = Math.Min(bufferLength, _buffers.BufferSize);
        for (var reads = 0; Readable; reads++)
        {
            if (reads == ReadsPerTurn)
            {
                return true;
            }

            var read = LinuxSockets.Receive(_source, buffer, (nuint)readLength, LinuxSockets.MsgDontWait);
            if (read < 0)
            {
                var error = Marshal.GetLastPInvokeError();
                if (error == LinuxSockets.Eagain)
                {
                    Readable = false;
                }
                else if (error != LinuxSockets.Eintr)
                {
                    Reset(_direction.SourceReset);
                }

                continue;
            }

            if (read == 0)
            {
                // FIN: pass it on, and leave the other direction open until it finishes too.
                LinuxSockets.Shutdown(_target, LinuxSockets.ShutWrite);
                End = _direction.Finished;
                return false;
            }

            if (read < readLength && !PeerFinished)
            {
                // The read emptied the socket: data arriving after it raises a new edge (as nginx relies on too),
                // so the read that would only say "empty" is skipped.
                Readable = false;
            }

            var sent = Send(buffer, (int)read);
            if (sent == read)
            {
                Count((int)read);
            }
            else if (sent >= 0)
            {
                Hold(new ReadOnlySpan<byte>(buffer + sent, (int)read - sent), (int)read);
                return false;
            }
        }

        return false;
    }

    /// <summary>Gives back the buffer of bytes the target never took; the session is over.</summary>
    public void ReleaseBuffer()
    {
        if (_pending is not null)
        {
            _buffers.Return(_pending);
            _pending = null;
        }
    }

    /// <summary>Sends what the target still owes; true when it took all of it.</summary>
    private bool Flush()
    {
        int sent;
        fixed (byte* pending = _pending)
        {
            sent = Send(pending + _pendingOffset, _pendingEnd - _pendingOffset);
        }

        if (sent < 0)
        {
            return false;
        }

        _pendingOffset += sent;
        if (_pendingOffset < _pendingEnd)
        {
            return false;
        }

        Count(_pendingRead);
        ReleaseBuffer();
        return true;
    }

    /// <summary>Bytes the target took (fewer than offered when it is full), or -1 after a reset.</summary>
    private int Send(byte* data, int length)
    {
        while (true)
        {
            var sent = LinuxSockets.Send(_target, data, (nuint)length, SendFlags);
            if (sent >= 0)
            {
                TargetFull = sent < length;
                return (int)sent;
            }

            var error = Marshal.GetLastPInvokeError();
            if (error == LinuxSockets.Eagain)
            {
                TargetFull = true;
                return 0;
            }

            if (error != LinuxSockets.Eintr)
            {
                Reset(_direction.TargetReset);
                return -1;
            }
        }
    }

    private void Hold(ReadOnlySpan<byte> rest, int read)
    {
        _pending = _buffers.Rent();
        rest.CopyTo(_pending);
        _pendingOffset = 0;
        _pendingEnd = rest.Length;
        _pendingRead = read;
    }

    private void Count(int read) => _session.Moved(_direction, read);

    private void Reset(TcpPumpEnd reset)
    {
        End = reset;
        Readable = false;
    }
}
