using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace RelayCluster.Node.Tests.Sessions;

/// <summary>
/// A TCP upstream that expects a PROXY v2 header before a connection's first byte: it reads and decodes the header,
/// then echoes every byte after it, and keeps all a connection brought (header included) for the test to check.
/// </summary>
internal sealed class ProxyV2TcpUpstream : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly Task _loop;
    private readonly ConcurrentBag<Task> _connections = [];

    private ProxyV2TcpUpstream(IPAddress address)
    {
        _listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(address, 0));
        _listener.Listen(16);
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        _loop = Task.Run(AcceptAsync);
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>Each finished connection: the header decoded from its first bytes (or why not) and every byte it carried.</summary>
    public ConcurrentQueue<(ProxyV2Frame? Header, string? Error, byte[] Stream)> Connections { get; } = new();

    public static ProxyV2TcpUpstream Start(IPAddress address) => new(address);

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        await _loop;
        await Task.WhenAll(_connections);
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            Socket connection;
            try
            {
                connection = await _listener.AcceptAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            _connections.Add(Task.Run(() => ServeAsync(connection)));
        }
    }

    private async Task ServeAsync(Socket connection)
    {
        using var _ = connection;
        using var stream = new MemoryStream();
        var buffer = new byte[4096];
        ProxyV2Frame? header = null;
        string? error = null;
        try
        {
            while (true)
            {
                var read = await connection.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0)
                {
                    break;
                }

                var echoFrom = stream.Length;
                stream.Write(buffer, 0, read);
                if (header is null)
                {
                    var length = ProxyV2Frame.LengthOf(stream.GetBuffer().AsSpan(0, (int)stream.Length));
                    if (length is null || stream.Length < length)
                    {
                        continue;
                    }

                    header = ProxyV2Frame.Decode(stream.GetBuffer().AsSpan(0, (int)stream.Length));
                    echoFrom = header.Length;
                }

                await connection.SendAsync(stream.GetBuffer().AsMemory((int)echoFrom, (int)(stream.Length - echoFrom)), SocketFlags.None);
            }

            connection.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is InvalidDataException or SocketException)
        {
            error = e.Message;
        }

        Connections.Enqueue((header, error, stream.ToArray()));
    }
}
