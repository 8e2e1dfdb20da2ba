using System.Net.Sockets;
using System.Runtime.InteropServices;
using Akka.Actor;
using RelayCluster.Node.Internal;

namespace RelayCluster.Node.Sessions;

/// <summary>The replies of a UDP session: read from its upstream socket and sent to its client.</summary>
public sealed partial class UdpSession
{
    /// <summary>
    /// Starts the async reader of upstream replies, which runs until the session is closed; null when the listener's
    /// epoll worker reads them instead (registered when the session opened).
    /// </summary>
    Task<SessionCloseReason>? IActorOwnedSession.Start(IActorRef router) => _worker is null ? RunAsync(_upstreamSocket!) : null;

    /// <summary>
    /// Reads the replies waiting on the upstream socket (at most a budget) into the worker's reply batch, which sends
    /// them to the client; called by the epoll worker.
    /// </summary>
    internal void ReadReplies(UdpReplyBatch replies)
    {
        var handle = _upstream;
        var added = false;
        try
        {
            // Holding a reference keeps the descriptor from being closed and reused while it is read.
            handle.DangerousAddRef(ref added);
            var fd = (int)handle.DangerousGetHandle();
            for (var budget = ReplyBudget; budget > 0;)
            {
                if (replies.Room == 0)
                {
                    replies.Flush();
                }

                var asked = Math.Min(budget, replies.Room);
                var received = replies.Receive(this, fd, asked, _maxDatagram);
                if (received < 0)
                {
                    if (Marshal.GetLastPInvokeError() is LinuxSockets.Eagain)
                    {
                        return;
                    }

                    // ICMP port unreachable and friends: the upstream may come back; the session stays.
                    ReplyDropped(DropReason.SendError);
                    budget--;
                    continue;
                }

                if (received < asked)
                {
                    // The socket is empty: no further call just to learn that it would block.
                    return;
                }

                budget -= received;
            }
        }
        catch (ObjectDisposedException)
        {
            // Closed by its actor while the worker was about to read it.
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>Counts a reply that reached the client; called by the worker's reply batch.</summary>
    internal void ReplySent(int length)
    {
        Traffic.AddToClient(length);
        Volatile.Write(ref _lastActivity, Environment.TickCount64);
    }

    /// <summary>Counts a reply that was dropped.</summary>
    internal void ReplyDropped(DropReason reason) => _listener.Dropped(reason);

    private void Relay(ReadOnlySpan<byte> reply)
    {
        if (reply.Length > _maxDatagram)
        {
            _listener.Dropped(DropReason.Truncated);
            return;
        }

        if (_listener.SendToClient(reply, ClientAddress))
        {
            Traffic.AddToClient(reply.Length);
            Volatile.Write(ref _lastActivity, Environment.TickCount64);
        }
    }

    private async Task<SessionCloseReason> RunAsync(Socket socket)
    {
        using var receiver = new SocketReceiver();
        var buffer = GC.AllocateUninitializedArray<byte>(_maxDatagram + 1);
        while (true)
        {
            var result = await receiver.ReceiveAsync(socket, buffer);
            if (!result.IsSuccess)
            {
                if (IsClosed || result.Error is SocketError.OperationAborted or SocketError.Interrupted)
                {
                    return CloseReason ?? SessionCloseReason.Failed;
                }

                // ICMP port unreachable and friends: the upstream may come back; the session stays.
                _listener.Dropped(DropReason.SendError);
                continue;
            }

            Relay(buffer.AsSpan(0, result.BytesTransferred));
        }
    }
}
