using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RelayCluster.Node.Tests.Tls;

/// <summary>A TLS client connection through the relay, trusting only the certificates a test names.</summary>
internal sealed class TlsClientPeer : IAsyncDisposable
{
    private TlsClientPeer(Socket socket, SslStream stream)
    {
        Socket = socket;
        Stream = stream;
    }

    public Socket Socket { get; }

    public SslStream Stream { get; }

    /// <summary>The thumbprint of the certificate the relay presented.</summary>
    public string ServerThumbprint => Stream.RemoteCertificate is X509Certificate2 certificate
        ? certificate.Thumbprint
        : throw new InvalidOperationException("No certificate was presented.");

    /// <summary>Connects to <paramref name="target"/> as localhost and completes the handshake; fails unless the relay shows one of <paramref name="trusted"/>.</summary>
    public static async Task<TlsClientPeer> ConnectAsync(IPEndPoint target, params string[] trusted)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(target);
        var stream = new SslStream(new NetworkStream(socket, ownsSocket: false));
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && trusted.Contains(certificate.GetCertHashString(), StringComparer.OrdinalIgnoreCase),
        };
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await stream.AuthenticateAsClientAsync(options, deadline.Token);
        return new TlsClientPeer(socket, stream);
    }

    /// <summary>Sends <paramref name="payload"/>, then close_notify and a FIN, while reading everything back until the relay's close_notify.</summary>
    public async Task<byte[]> RoundTripAsync(byte[] payload, TimeSpan timeout)
    {
        var send = Task.Run(async () =>
        {
            await Stream.WriteAsync(payload);
            await FinishAsync();
        });
        var received = await ReadToEndAsync(timeout);
        await send;
        return received;
    }

    /// <summary>Ends the sending direction: close_notify, then a FIN.</summary>
    public async Task FinishAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            try
            {
                await Stream.ShutdownAsync();
                break;
            }
            catch (CryptographicException) when (DateTime.UtcNow < deadline)
            {
                // OpenSSL refuses close_notify while the concurrent read takes in the relay's TLS 1.3 session ticket.
                await Task.Delay(5);
            }
        }

        Socket.Shutdown(SocketShutdown.Send);
    }

    /// <summary>Reads until the end of the stream; throws on a reset or after <paramref name="timeout"/>.</summary>
    public async Task<byte[]> ReadToEndAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        using var received = new MemoryStream();
        await Stream.CopyToAsync(received, deadline.Token);
        return received.ToArray();
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes.</summary>
    public async Task<byte[]> ReadExactlyAsync(int count, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var data = new byte[count];
        await Stream.ReadExactlyAsync(data, deadline.Token);
        return data;
    }

    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync();
        Socket.Dispose();
    }
}
