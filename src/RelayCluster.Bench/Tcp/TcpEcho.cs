using System.Net;
using System.Net.Sockets;

namespace RelayCluster.Bench.Tcp;

/// <summary>
/// A TCP echo upstream: every byte read is sent back, and a client's FIN is answered with a FIN once everything before
/// it went back. Each connection runs one async loop with its own buffer, so a read never allocates. With several
/// accept loops on Linux each has its own SO_REUSEPORT socket and the kernel spreads connections across them.
/// </summary>
internal sealed class TcpEcho : IAsyncDisposable
{
    private const int BufferSize = 16 * 1024;

    private readonly Socket[] _listeners;
    private readonly Task[] _acceptLoops;
    private readonly HashSet<Socket> _connections = [];
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _accepted;
    private long _echoedBytes;
    private volatile bool _stopping;

    private TcpEcho(Socket[] listeners)
    {
        _listeners = listeners;
        LocalEndPoint = (IPEndPoint)listeners[0].LocalEndPoint!;
        _acceptLoops = Array.ConvertAll(listeners, listener => Task.Run(() => AcceptLoopAsync(listener)));
    }

    /// <summary>The address the echo is bound to, with the port the kernel chose when 0 was asked for.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>How many connections were accepted so far.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>How many bytes were sent back so far.</summary>
    public long EchoedBytes => Interlocked.Read(ref _echoedBytes);

    public static TcpEcho Start(IPEndPoint listen, int acceptLoops)
    {
        var reusePort = acceptLoops > 1 && TcpSockets.CanReusePort;
        var listeners = new Socket[reusePort ? acceptLoops : 1];
        try
        {
            listeners[0] = TcpSockets.Listen(listen, reusePort);
            var bound = (IPEndPoint)listeners[0].LocalEndPoint!;
            for (var i = 1; i < listeners.Length; i++)
            {
                listeners[i] = TcpSockets.Listen(bound, reusePort);
            }
        }
        catch
        {
            foreach (var listener in listeners)
            {
                listener?.Dispose();
            }

            throw;
        }

        return new TcpEcho(listeners);
    }

    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        foreach (var listener in _listeners)
        {
            listener.Dispose();
        }

        await Task.WhenAll(_acceptLoops);
        lock (_connections)
        {
            foreach (var connection in _connections)
            {
                connection.Dispose();
            }

            if (_connections.Count == 0)
            {
                _drained.TrySetResult();
            }
        }

        await _drained.Task;
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (!_stopping)
        {
            Socket connection;
            try
            {
                connection = await listener.AcceptAsync();
            }
            catch (Exception e) when (_stopping && e is SocketException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // A connection reset while still in the backlog, or out of descriptors for a moment: keep accepting.
                continue;
            }

            connection.NoDelay = true;
            Interlocked.Increment(ref _accepted);
            lock (_connections)
            {
                if (_stopping)
                {
                    connection.Dispose();
                    return;
                }

                _connections.Add(connection);
            }

            _ = EchoAsync(connection);
        }
    }

    private async Task EchoAsync(Socket connection)
    {
        var buffer = GC.AllocateUninitializedArray<byte>(BufferSize);
        try
        {
            while (true)
            {
                var read = await connection.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0)
                {
                    // The client's FIN: everything it sent has gone back, so answer with ours.
                    connection.Shutdown(SocketShutdown.Send);
                    return;
                }

                await connection.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
                Interlocked.Add(ref _echoedBytes, read);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // A reset, or the echo is stopping: this connection is over either way.
        }
        finally
        {
            connection.Dispose();
            lock (_connections)
            {
                if (_connections.Remove(connection) && _stopping && _connections.Count == 0)
                {
                    _drained.TrySetResult();
                }
            }
        }
    }
}
