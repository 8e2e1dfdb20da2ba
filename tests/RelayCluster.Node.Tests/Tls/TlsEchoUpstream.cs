using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace RelayCluster.Node.Tests.Tls;

/// <summary>
/// A TLS echo upstream on 127.0.0.1 with a free port: completes a handshake with its certificate, writes every byte
/// back, and when the peer finishes (close_notify and FIN) sends its own close_notify and FIN after the last echo.
/// </summary>
internal sealed class TlsEchoUpstream : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly X509Certificate2 _certificate;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Socket, Task> _connections = new();
    private readonly Task _acceptLoop;
    private int _handshakes;

    private TlsEchoUpstream(X509Certificate2 certificate)
    {
        _certificate = certificate;
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(64);
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        _acceptLoop = Task.Run(AcceptAsync);
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>Handshakes completed so far.</summary>
    public int Handshakes => Volatile.Read(ref _handshakes);

    public static TlsEchoUpstream Start(X509Certificate2 certificate) => new(certificate);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Dispose();
        await _acceptLoop;
        foreach (var connection in _connections.Keys)
        {
            connection.Dispose();
        }

        await Task.WhenAll(_connections.Values);
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _listener.AcceptAsync(_stopping.Token);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            _connections[connection] = EchoAsync(connection);
        }
    }

    private async Task EchoAsync(Socket connection)
    {
        await Task.Yield();
        try
        {
            await using var stream = new SslStream(new NetworkStream(connection, ownsSocket: false));
            await stream.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, _stopping.Token);
            Interlocked.Increment(ref _handshakes);
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(buffer, _stopping.Token)) > 0)
            {
                await stream.WriteAsync(buffer.AsMemory(0, read), _stopping.Token);
            }

            await stream.ShutdownAsync();
            connection.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException or AuthenticationException)
        {
        }
        finally
        {
            connection.Dispose();
            _connections.TryRemove(connection, out _);
        }
    }
}
