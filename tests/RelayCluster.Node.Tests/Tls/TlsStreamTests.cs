using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using RelayCluster.Node.Tls;
using RelayCluster.Testing.Tls;
using Xunit.Abstractions;

namespace RelayCluster.Node.Tests.Tls;

[Collection(nameof(TlsBulkTransfer))]
public class TlsStreamTests(ITestOutputHelper output)
{
    private const int Connections = 400;
    private const int Parallel = 8;

    /// <summary>
    /// The relay's half-close: close_notify sent while the other direction is decrypting a stream of small records. Run
    /// on a bare <see cref="SslStream"/>, OpenSSL sees the shutdown and a decryption at once on one connection, which
    /// fails the close_notify or crashes the process; through <see cref="TlsStream"/> every close_notify arrives.
    /// </summary>
    [Fact]
    public async Task ShutdownAsync_WhileTheOtherDirectionDecrypts_EveryCloseNotifyArrivesAndReadingGoesOn()
    {
        using var certificate = TestCertificate.Create("localhost");
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(Parallel * 2);
        var endPoint = (IPEndPoint)listener.LocalEndPoint!;
        var closeNotifies = 0;
        var bytesAfterShutdown = 0L;

        var lanes = Enumerable.Range(0, Parallel).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < Connections / Parallel; i++)
            {
                var (received, afterShutdown) = await ClientAsync(endPoint);
                Assert.True(await received, "the server to read close_notify");
                Interlocked.Increment(ref closeNotifies);
                Interlocked.Add(ref bytesAfterShutdown, await afterShutdown);
            }
        }));

        await Task.WhenAll(lanes);

        output.WriteLine($"{closeNotifies} close_notify of {Connections} arrived; {bytesAfterShutdown} bytes read after the shutdowns");
        Assert.Equal(Connections, closeNotifies);
        Assert.True(bytesAfterShutdown > 0, "reading to go on after the shutdowns");

        async Task<(Task<bool> Received, Task<long> AfterShutdown)> ClientAsync(IPEndPoint target)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(target);
            var accepted = await listener.AcceptAsync();
            var serving = ServeAsync(accepted, certificate.Certificate);
            await using var client = new TlsStream(new NetworkStream(socket, ownsSocket: true));
            await client.Ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == certificate.Thumbprint,
            });

            var reading = ReadToEndAsync(client);
            await Task.Yield();
            await client.ShutdownAsync();
            var shutDownAt = Interlocked.Read(ref reading.ReadSoFar);
            var total = await reading.Task;
            return (serving, Task.FromResult(total - shutDownAt));
        }
    }

    /// <summary>Writes one-byte records (up to a few thousand) until the client's close_notify arrives, then closes its own side.</summary>
    private static async Task<bool> ServeAsync(Socket socket, X509Certificate2 certificate)
    {
        await using var server = new SslStream(new NetworkStream(socket, ownsSocket: true));
        await server.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate });
        using var stop = new CancellationTokenSource();
        var writing = Task.Run(async () =>
        {
            var record = new byte[1];
            for (var i = 0; i < 4_000 && !stop.IsCancellationRequested; i++)
            {
                await server.WriteAsync(record);
            }
        });
        var closed = await server.ReadAsync(new byte[1]) == 0;
        await stop.CancelAsync();
        await writing;
        await server.ShutdownAsync();
        return closed;
    }

    private static Reader ReadToEndAsync(TlsStream stream)
    {
        var reader = new Reader();
        reader.Task = Task.Run(async () =>
        {
            var buffer = new byte[256];
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                Interlocked.Add(ref reader.ReadSoFar, read);
            }

            return Interlocked.Read(ref reader.ReadSoFar);
        });
        return reader;
    }

    private sealed class Reader
    {
        public long ReadSoFar;

        public Task<long> Task { get; set; } = System.Threading.Tasks.Task.FromResult(0L);
    }
}
