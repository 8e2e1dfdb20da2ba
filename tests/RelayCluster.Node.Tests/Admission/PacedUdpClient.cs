using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RelayCluster.Node.Tests.Admission;

/// <summary>
/// A client that offers a steady number of datagrams per second through the relay and counts the replies. Sender and
/// receiver have threads of their own and the sender catches up on any datagrams it is late with, so the offered rate
/// holds even when the thread pool is slow to run a timer (in a test host it can be late by a second, and a rate
/// limiter's bucket that fills up during such a stall throws away the tokens a measurement expects).
/// </summary>
internal static class PacedUdpClient
{
    private static readonly TimeSpan s_quietAfter = TimeSpan.FromMilliseconds(200);

    /// <summary>Sends <paramref name="perSecond"/> datagrams a second for <paramref name="window"/>; returns how many were sent and how many came back.</summary>
    public static Task<(int Sent, int Replies)> RunAsync(IPEndPoint relay, IPAddress local, int perSecond, TimeSpan window) =>
        Task.Factory.StartNew(() => Run(relay, local, perSecond, window), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static (int Sent, int Replies) Run(IPEndPoint relay, IPAddress local, int perSecond, TimeSpan window)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(local, 0));
        socket.ReceiveBufferSize = 1 << 20;
        socket.Connect(relay);
        using var sending = new ManualResetEventSlim(initialState: true);
        var replies = 0;
        var receiver = new Thread(() => replies = CountReplies(socket, sending)) { IsBackground = true, Name = "paced-udp-receiver" };
        receiver.Start();

        var sent = 0;
        using var tick = new ManualResetEventSlim();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < window)
        {
            var due = (int)(clock.Elapsed.TotalSeconds * perSecond);
            for (; sent < due; sent++)
            {
                socket.Send([1]);
            }

            // The pacing tick; its length hardly matters, since each round sends whatever has fallen due.
            tick.Wait(1);
        }

        sending.Reset();
        receiver.Join();
        return (sent, replies);
    }

    /// <summary>Counts replies until the sender has stopped and none came for a while.</summary>
    private static int CountReplies(Socket socket, ManualResetEventSlim sending)
    {
        var buffer = new byte[64];
        var replies = 0;
        while (true)
        {
            if (socket.Poll(s_quietAfter, SelectMode.SelectRead))
            {
                socket.Receive(buffer);
                replies++;
            }
            else if (!sending.IsSet)
            {
                return replies;
            }
        }
    }
}
