using System.Runtime.InteropServices;
using RelayCluster.Node.Internal;

namespace RelayCluster.Node.Sessions;

/// <summary>
/// Upstream replies on their way back to clients, gathered from the sessions an epoll worker read in one wake-up and
/// sent with one <c>sendmmsg</c> from the worker's own listen socket (the address the clients talk to); the replies of one
/// session read together leave as one segmented message (<see cref="SegmentedMessages"/>).
/// </summary>
internal sealed class UdpReplyBatch : IDisposable
{
    private readonly DatagramBatch _batch;
    private readonly UdpSession?[] _senders;
    private readonly SegmentedMessages _messages;

    // The first slot of each message, and the count after the last message.
    private readonly int[] _firstSlots;
    private readonly int _listenFd;
    private int _count;

    public UdpReplyBatch(int listenFd, int slots, int maxDatagram)
    {
        _listenFd = listenFd;
        // One byte more than the largest datagram, so an oversized reply is seen whole and dropped, never sent cut.
        _batch = new DatagramBatch(slots, maxDatagram + 1, 0, withNames: true);
        _senders = new UdpSession?[slots];
        _messages = new SegmentedMessages(slots);
        _firstSlots = new int[slots + 1];
    }

    /// <summary>How many more replies fit before a <see cref="Flush"/>.</summary>
    public int Room => _batch.Count - _count;

    /// <summary>
    /// Reads at most <paramref name="budget"/> (no more than <see cref="Room"/>) replies from a session's upstream socket
    /// into the batch without waiting; the number read (oversized ones included), or -1 with the error in errno.
    /// </summary>
    public int Receive(UdpSession session, int fd, int budget, int maxDatagram)
    {
        var asked = Math.Min(budget, Room);
        var start = _count;
        var received = _batch.Receive(fd, start, asked, senders: false);
        for (var slot = start; slot < start + received; slot++)
        {
            var length = _batch.Length(slot);
            if (length > maxDatagram)
            {
                session.ReplyDropped(DropReason.Truncated);
                continue;
            }

            var kept = _count;
            if (kept != slot)
            {
                _batch.SwapBuffers(kept, slot);
            }

            _batch.SetLength(kept, length);
            _batch.SetName(kept, session.ClientAddress.Buffer.Span[..session.ClientAddress.Size]);
            _senders[kept] = session;
            _count++;
        }

        return received;
    }

    /// <summary>
    /// Sends every gathered reply; consecutive replies of one session of one size leave as one segmented message. A
    /// message the kernel refuses is retried one datagram at a time, and a reply refused alone is counted as dropped.
    /// </summary>
    public unsafe void Flush()
    {
        _messages.Clear();
        for (var slot = 0; slot < _count;)
        {
            var size = _batch.SendLength(slot);
            var end = slot + 1;
            for (var total = size; end < _count && _senders[end] == _senders[slot]; end++)
            {
                var next = _batch.SendLength(end);
                if (!_messages.Fits(size, end - slot, total, _batch.SendLength(end - 1), next))
                {
                    break;
                }

                total += next;
            }

            _firstSlots[_messages.Count] = slot;
            var name = _batch.NameAddress(slot, out var nameLength);
            _messages.Add(_batch.VectorAddress(slot), end - slot, size, name, nameLength);
            slot = end;
        }

        _firstSlots[_messages.Count] = _count;
        for (var sent = 0; sent < _messages.Count;)
        {
            var done = _messages.Send(_listenFd, sent);
            if (done < 0)
            {
                var error = Marshal.GetLastPInvokeError();
                if (error != LinuxSockets.Eintr)
                {
                    SendOneByOne(_firstSlots[sent], _firstSlots[sent + 1], error);
                    sent++;
                }

                continue;
            }

            for (var slot = _firstSlots[sent]; slot < _firstSlots[sent + done]; slot++)
            {
                Sent(slot);
            }

            sent += done;
        }

        _count = 0;
    }

    private void SendOneByOne(int start, int end, int error)
    {
        if (end - start > 1)
        {
            _messages.Refused(_batch.SendLength(start), error);
        }

        for (var slot = start; slot < end; slot++)
        {
            int done;
            do
            {
                done = _batch.Send(_listenFd, slot, 1);
            }
            while (done < 0 && Marshal.GetLastPInvokeError() == LinuxSockets.Eintr);
            if (done == 1)
            {
                Sent(slot);
            }
            else
            {
                _senders[slot]!.ReplyDropped(DropReason.SendError);
                _senders[slot] = null;
            }
        }
    }

    private void Sent(int slot)
    {
        _senders[slot]!.ReplySent(_batch.SendLength(slot));
        _senders[slot] = null;
    }

    public void Dispose()
    {
        _batch.Dispose();
        _messages.Dispose();
    }
}
