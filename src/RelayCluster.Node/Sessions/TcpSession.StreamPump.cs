using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using RelayCluster.Node.Tls;

namespace RelayCluster.Node.Sessions;

public sealed partial class TcpSession
{
    // The most plaintext one TLS record carries: a read from a TLS stream returns at most this much.
    private const int MaxTlsRecordPlaintext = 16 * 1024;

    /// <summary>
    /// <see cref="PumpAsync"/> through streams (a <see cref="TlsStream"/> on at least one side): the same zero-byte read
    /// before renting, the same awaited write as backpressure, and a FIN passed on as close_notify, then a shutdown of
    /// the socket's send direction.
    /// </summary>
    private async Task<TcpPumpEnd> PumpStreamAsync(Stream source, Stream target, Socket targetSocket, TcpDirection direction)
    {
        var full = source is TlsStream ? Math.Min(_buffers.BufferSize, MaxTlsRecordPlaintext) : _buffers.BufferSize;
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
                        // Wait for data with no buffer held; a TLS stream passes the zero-byte read on to its socket.
#pragma warning disable CA2022 // A zero-byte read returns nothing by design.
                        await source.ReadAsync(Memory<byte>.Empty);
#pragma warning restore CA2022
                        buffer = _buffers.Rent();
                    }

                    read = await source.ReadAsync(buffer.AsMemory(0, _buffers.BufferSize));
                }
                catch (Exception e) when (IsStreamError(e))
                {
                    return StreamFailed(e, direction.SourceReset, direction.SourceError);
                }

                if (read == 0)
                {
                    await FinishSendingAsync(target, targetSocket);
                    return direction.Finished;
                }

                try
                {
                    await target.WriteAsync(buffer.AsMemory(0, read));
                }
                catch (Exception e) when (IsStreamError(e))
                {
                    return StreamFailed(e, direction.TargetReset, direction.TargetError);
                }

                Moved(direction, read);
                if (read < full)
                {
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

    private static async Task FinishSendingAsync(Stream target, Socket targetSocket)
    {
        if (target is TlsStream tls)
        {
            try
            {
                // close_notify tells the peer the stream is complete, not cut; the other direction stays open.
                await tls.ShutdownAsync();
            }
            catch (Exception e) when (IsStreamError(e) || e is InvalidOperationException or CryptographicException)
            {
                // The other side is already gone (its own pump reports how), or the peer gets a FIN without close_notify.
            }
        }

        TryShutdownSend(targetSocket);
    }

    private TcpPumpEnd StreamFailed(Exception error, TcpPumpEnd reset, TcpPumpEnd streamError)
    {
        if (error is IOException { InnerException: SocketException socketError })
        {
            return Failed(socketError, reset);
        }

        // A record that does not decrypt or a stream cut inside a record is that side's error, not a reset by it.
        return Failed(error, streamError);
    }

    private static bool IsStreamError(Exception error) =>
        error is IOException or SocketException or ObjectDisposedException or AuthenticationException;
}
