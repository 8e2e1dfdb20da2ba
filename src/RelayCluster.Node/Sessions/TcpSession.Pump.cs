using System.Net.Sockets;

namespace RelayCluster.Node.Sessions;

public sealed partial class TcpSession
{
    /// <summary>Copies <paramref name="source"/> to <paramref name="target"/> until a FIN, a reset or the session's close.</summary>
    private async Task<PumpEnd> PumpAsync(Socket source, Socket target, bool towardClient)
    {
        while (true)
        {
            var buffer = (byte[]?)null;
            try
            {
                int read;
                try
                {
                    // Wait for data with no buffer held, so an idle connection costs no buffer memory.
                    await source.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None);
                    buffer = _buffers.Rent();
                    read = await source.ReceiveAsync(buffer, SocketFlags.None);
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    return Failed(e, towardClient ? SessionCloseReason.UpstreamReset : SessionCloseReason.ClientReset);
                }

                if (read == 0)
                {
                    // FIN: pass it on, and leave the other direction open until it finishes too.
                    TryShutdownSend(target);
                    return new PumpEnd(towardClient ? SessionCloseReason.UpstreamClosed : SessionCloseReason.ClientClosed, IsReset: false);
                }

                try
                {
                    // Awaiting the send is the backpressure: nothing more is read from this side until the other took it.
                    await target.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    return Failed(e, towardClient ? SessionCloseReason.ClientReset : SessionCloseReason.UpstreamReset);
                }

                if (towardClient)
                {
                    Traffic.AddToClient(read);
                }
                else
                {
                    Traffic.AddToUpstream(read);
                }

                Touch();
            }
            finally
            {
                if (buffer is not null)
                {
                    _buffers.Return(buffer);
                }
            }
        }
    }

    private PumpEnd Failed(Exception error, SessionCloseReason resetReason)
    {
        if (IsClosed || error is ObjectDisposedException || error is SocketException { SocketErrorCode: SocketError.OperationAborted })
        {
            return new PumpEnd(CloseReason ?? SessionCloseReason.Failed, IsReset: true);
        }

        return new PumpEnd(resetReason, IsReset: true);
    }

    private static void TryShutdownSend(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The other side is already gone; its own pump reports how.
        }
    }

    private readonly record struct PumpEnd(SessionCloseReason Reason, bool IsReset);
}
