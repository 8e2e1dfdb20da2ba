using System.Net.Sockets;

namespace RelayCluster.Node.Sessions;

public sealed partial class TcpSession
{
    /// <summary>Copies <paramref name="source"/> to <paramref name="target"/> until a FIN, a reset or the session's close.</summary>
    private async Task<PumpEnd> PumpAsync(Socket source, Socket target, bool towardClient)
    {
        var buffer = (byte[]?)null;
        try
        {
            while (true)
            {
                int read;
                try
                {
                    if (buffer is null)
                    {
                        // Wait for data with no buffer held, so an idle connection costs no buffer memory.
                        await source.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None);
                        buffer = _buffers.Rent();
                    }

                    read = await source.ReceiveAsync(buffer.AsMemory(0, _buffers.BufferSize), SocketFlags.None);
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
                if (read < _buffers.BufferSize)
                {
                    // The socket is most likely drained: give the buffer back until data is there again. A full read
                    // keeps it, since more is probably waiting (a bulk transfer skips the zero-byte reads).
                    _buffers.Return(buffer);
                    buffer = null;
                }
            }
        }
        finally
        {
            if (buffer is not null)
            {
                _buffers.Return(buffer);
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
