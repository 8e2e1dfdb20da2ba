using System.Net;
using System.Net.Sockets;

namespace RelayCluster.Node.Tests.Cluster;

/// <summary>
/// Closed-loop UDP load as hard as the machine goes: one thread per flow keeps a window of datagrams in flight to
/// its target and sends one more for every echo (or every 100 ms of silence), until the duration is over.
/// </summary>
internal static class UdpFlood
{
    private const int Window = 32;

    /// <summary>Runs <paramref name="flows"/> flows to <paramref name="target"/> for <paramref name="duration"/>; returns the echoes received.</summary>
    public static async Task<long> RunAsync(IPEndPoint target, int flows, TimeSpan duration)
    {
        var deadline = DateTime.UtcNow + duration;
        var echoes = new long[flows];
        var threads = Enumerable.Range(0, flows).Select(flow => Task.Factory.StartNew(
            () => echoes[flow] = Flow(target, deadline),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToList();
        await Task.WhenAll(threads);
        return echoes.Sum();
    }

    private static long Flow(IPEndPoint target, DateTime deadline)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 100 };
        socket.Connect(target);
        var datagram = new byte[64];
        var buffer = new byte[2048];
        long echoes = 0;
        for (var i = 0; i < Window; i++)
        {
            socket.Send(datagram);
        }

        while (DateTime.UtcNow < deadline)
        {
            try
            {
                socket.Receive(buffer);
                echoes++;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.ConnectionRefused)
            {
            }

            socket.Send(datagram);
        }

        return echoes;
    }
}
