using System.Runtime.InteropServices;
using RelayCluster.Node.Internal;

namespace RelayCluster.Node.Sessions;

/// <summary>
/// Upstream replies on their way back to clients, gathered from the sessions an epoll worker read in one wake-up and
/// sent with one <c>sendmmsg</c> from the worker's own listen socket (the address the clients talk to).
/// </summary>
internal sealed class UdpReplyBatch : IDisposable
{
    private readonly DatagramBatch _batch;
    private readonly UdpSession?[] _senders;
    private readonly int _listenFd;
    private int _count;

    public UdpReplyBatch(int listenFd, int slots, int maxDatagram)
    {
        _listenFd = listenFd;
        // One byte more than the largest datagram, so an oversized reply is seen whole and dropped, never sent cut.
        _batch = new DatagramBatch(slots, maxDatagram + 1, 0, withNames: true);
        _senders = new UdpSession?[slots];
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

    /// <summary>Sends every gathered reply; a reply the kernel refuses is counted as dropped and the rest still go.</summary>
    public void Flush()
    {
        var sent = 0;
        while (sent < _count)
        {
            var done = _batch.Send(_listenFd, sent, _count - sent);
            if (done < 0)
            {
                if (Marshal.GetLastPInvokeError() == LinuxSockets.Eintr)
                {
                    continue;
                }

                _senders[sent]!.ReplyDropped(DropReason.SendError);
                _senders[sent] = null;
                sent++;
                continue;
            }

            for (var i = sent; i < sent + done; i++)
            {
                _senders[i]!.ReplySent(_batch.Length(i));
                _senders[i] = null;
            }

            sent += done;
        }

        _count = 0;
    }

    public void Dispose() => _batch.Dispose();
}
