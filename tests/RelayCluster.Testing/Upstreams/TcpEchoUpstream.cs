using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace RelayCluster.Testing.Upstreams;

/// <summary>
/// A TCP echo upstream on 127.0.0.1 with a free port: accepts connections and writes every byte back. When a client
/// shuts down its send side, the upstream finishes echoing, then shuts down its own send side and closes, so a test
/// can check that a relay carries half-close both ways.
/// </summary>
public sealed class TcpEchoUpstream : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Socket, Task> _connections = new();
    private readonly Task _acceptLoop;
    private int _accepted;
    private long _bytesReceived;
    private volatile byte[] _greeting = [];

    private TcpEchoUpstream(IPAddress address)
    {
        _listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(address, 0));
        _listener.Listen(512);
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        _acceptLoop = Task.Run(AcceptAsync);
    }

    /// <summary>Where the upstream listens.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Connections accepted so far.</summary>
    public int ConnectionsAccepted => Volatile.Read(ref _accepted);

    /// <summary>Connections open right now.</summary>
    public int ActiveConnections => _connections.Count;

    /// <summary>Bytes received over all connections so far.</summary>
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    /// <summary>Bytes sent first on every new connection, e.g. a name, so a test can tell which upstream it reached.</summary>
    public ReadOnlyMemory<byte> Greeting
    {
        get => _greeting;
        set => _greeting = value.ToArray();
    }

    /// <summary>Starts an echo upstream on <paramref name="address"/> (127.0.0.1 by default) and a free port.</summary>
    public static TcpEchoUpstream Start(IPAddress? address = null) => new(address ?? IPAddress.Loopback);

    /// <summary>Waits until at least <paramref name="count"/> connections were accepted, or throws at the deadline.</summary>
    public async Task WaitForConnectionsAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (ConnectionsAccepted < count)
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"The TCP echo upstream at {EndPoint} accepted {ConnectionsAccepted} connections, not {count}, within {timeout}.");
            }

            await Task.Delay(5).ConfigureAwait(false);
        }
    }

    /// <summary>Resets every open connection (RST), as a crashing upstream would.</summary>
    public void AbortConnections()
    {
        foreach (var connection in _connections.Keys)
        {
            try
            {
                connection.LingerState = new LingerOption(true, 0);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }

            connection.Dispose();
        }
    }

    /// <summary>Stops accepting, closes every connection and waits for their loops to end.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        foreach (var connection in _connections.Keys)
        {
            connection.Dispose();
        }

        await Task.WhenAll(_connections.Values).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                if (_stopping.IsCancellationRequested)
                {
                    return;
                }

                continue;
            }

            connection.NoDelay = true;
            Interlocked.Increment(ref _accepted);
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _connections[connection] = gate.Task;
            _ = EchoAsync(connection, gate);
        }
    }

    private async Task EchoAsync(Socket connection, TaskCompletionSource done)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            var greeting = _greeting;
            if (greeting.Length > 0)
            {
                await SendAllAsync(connection, greeting).ConfigureAwait(false);
            }

            while (true)
            {
                var read = await connection.ReceiveAsync(buffer, SocketFlags.None, _stopping.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                Interlocked.Add(ref _bytesReceived, read);
                await SendAllAsync(connection, buffer.AsMemory(0, read)).ConfigureAwait(false);
            }

            // The client finished sending and everything it sent has been echoed: pass the half-close on.
            connection.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            connection.Dispose();
            _connections.TryRemove(connection, out _);
            done.TrySetResult();
        }
    }

    private async Task SendAllAsync(Socket connection, ReadOnlyMemory<byte> data)
    {
        while (!data.IsEmpty)
        {
            var sent = await connection.SendAsync(data, SocketFlags.None, _stopping.Token).ConfigureAwait(false);
            data = data[sent..];
        }
    }
}
