using System.Net.Sockets;

namespace RelayCluster.Node.Sessions;

public sealed partial class TcpSession
{
    /// <summary>Copies <paramref name="source"/> to <paramref name="target"/> until a FIN, a reset or the session's close.</summary>
    private async Task<TcpPumpEnd> PumpAsync(Socket source, Socket target, TcpDirection direction)
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
                    return Failed(e, direction.SourceReset);
                }

                if (read == 0)
                {
                    // FIN: pass it on, and leave the other direction open until it finishes too.
                    TryShutdownSend(target);
                    return direction.Finished;
                }

                try
                {
                    // Awaiting the send is the backpressure: nothing more is read from this side until the other took it.
                    await target.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    return Failed(e, direction.TargetReset);
                }

                Moved(direction, read);
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

    /// <summary>A failed read or write: <paramref name="end"/>, unless the session's own close caused it.</summary>
    private TcpPumpEnd Failed(Exception error, TcpPumpEnd end)
    {
        if (IsClosed || error is ObjectDisposedException || error is SocketException { SocketErrorCode: SocketError.OperationAborted })
        {
            return new TcpPumpEnd(CloseReason ?? SessionCloseReason.Failed, IsReset: true);
        }

        return end;
    }

    /// <summary>Counts <paramref name="bytes"/> moved in <paramref name="direction"/> as one read and marks the session active: the one counting of every pump.</summary>
    internal void Moved(TcpDirection direction, int bytes)
    {
        if (direction.TowardClient)
        {
            Traffic.AddToClient(bytes);
        }
        else
        {
            Traffic.AddToUpstream(bytes);
        }

        Touch();
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
}
