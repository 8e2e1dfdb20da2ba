using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace RelayCluster.Node.Tests.Health;

/// <summary>A UDP upstream on 127.0.0.1 and a free port that answers each datagram as a test scripts it, or not at all.</summary>
internal sealed class ScriptedUdpUpstream : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly Func<byte[], byte[]?> _answer;
    private readonly ConcurrentQueue<byte[]> _received = new();
    private readonly Task _loop;

    private ScriptedUdpUpstream(Func<byte[], byte[]?> answer)
    {
        _answer = answer;
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _loop = Task.Run(AnswerAsync);
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>The datagrams received so far, in order.</summary>
    public IReadOnlyList<byte[]> Received => [.. _received];

    /// <summary>Starts an upstream that sends <paramref name="answer"/>'s result back for each datagram; null sends nothing.</summary>
    public static ScriptedUdpUpstream Start(Func<byte[], byte[]?> answer) => new(answer);

    /// <summary>Starts an upstream that answers every datagram with <paramref name="reply"/>.</summary>
    public static ScriptedUdpUpstream Replying(byte[] reply) => new(_ => reply);

    private async Task AnswerAsync()
    {
        var buffer = new byte[65_536];
        var from = new SocketAddress(AddressFamily.InterNetwork);
        while (true)
        {
            int length;
            try
            {
                length = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, from);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
            {
                continue;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            var datagram = buffer[..length];
            _received.Enqueue(datagram);
            if (_answer(datagram) is { } reply)
            {
                _socket.SendTo(reply, SocketFlags.None, from);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        await _loop;
    }
}
