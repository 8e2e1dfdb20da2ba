using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using RelayCluster.Node.Tls;
using System.Security.Cryptography.X509Certificates;

namespace RelayCluster.Node.Tests.Tls;

/// <summary>A TLS client connection through the relay, trusting only the certificates a test names.</summary>
internal sealed class TlsClientPeer : IAsyncDisposable
{
    private TlsClientPeer(Socket socket, TlsStream stream)
    {
        Socket = socket;
        Stream = stream;
    }

    public Socket Socket { get; }

    /// <summary>The connection; its close_notify is safe to send while the other direction reads.</summary>
    public TlsStream Stream { get; }

    /// <summary>The thumbprint of the certificate the relay presented.</summary>
    public string ServerThumbprint => Stream.Ssl.RemoteCertificate is X509Certificate2 certificate
        ? certificate.Thumbprint
        : throw new InvalidOperationException("No certificate was presented.");

    /// <summary>Connects to <paramref name="target"/> as localhost and completes the handshake; fails unless the relay shows one of <paramref name="trusted"/>.</summary>
    public static async Task<TlsClientPeer> ConnectAsync(IPEndPoint target, params string[] trusted)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(target);
        var stream = new TlsStream(new NetworkStream(socket, ownsSocket: false));
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && trusted.Contains(certificate.GetCertHashString(), StringComparer.OrdinalIgnoreCase),
        };
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await stream.Ssl.AuthenticateAsClientAsync(options, deadline.Token);
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
        await Stream.ShutdownAsync();
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
