using System.Net;
using System.Net.Sockets;

namespace RelayCluster.Node.Tests.Sessions;

/// <summary>Helpers for a test client connection through the relay.</summary>
internal static class TcpClientPeer
{
    public static async Task<Socket> ConnectAsync(IPEndPoint target, IPAddress? local = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Bind(new IPEndPoint(local ?? IPAddress.Loopback, 0));
        await socket.ConnectAsync(target);
        return socket;
    }

    /// <summary>Reads until the peer's FIN; throws on reset or after <paramref name="timeout"/>.</summary>
    public static async Task<byte[]> ReadToEndAsync(Socket socket, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        using var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
            if (read == 0)
            {
                return received.ToArray();
            }

            received.Write(buffer, 0, read);
        }
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes.</summary>
    public static async Task<byte[]> ReadExactlyAsync(Socket socket, int count, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var data = new byte[count];
        var offset = 0;
        while (offset < count)
        {
            var read = await socket.ReceiveAsync(data.AsMemory(offset), SocketFlags.None, cts.Token);
            if (read == 0)
            {
                throw new EndOfStreamException($"The connection ended after {offset} of {count} bytes.");
            }

            offset += read;
        }

        return data;
    }

    /// <summary>A port on 127.0.0.1 where nothing listens: connections to it are refused.</summary>
    public static IPEndPoint RefusingEndPoint()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return (IPEndPoint)socket.LocalEndPoint!;
    }
}
