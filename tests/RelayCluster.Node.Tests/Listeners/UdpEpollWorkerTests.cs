using System.Net;
using System.Net.Sockets;
using RelayCluster.Node.Listeners;

namespace RelayCluster.Node.Tests.Listeners;

/// <summary>
/// The epoll worker's busy-poll on a live node: a ping-pong whose every datagram and reply come back well within the
/// window is mostly picked up by polling, not by waking the sleeping worker; with <c>busy-poll = 0</c> every event
/// wakes it.
/// </summary>
public class UdpEpollWorkerTests
{
    private const int RoundTrips = 200;

    [Fact]
    public async Task PingPong_BusyPollOneMillisecond_EventsArePickedUpByPolling()
    {
        var (polled, slept) = await PingPongAsync(TimeSpan.FromMilliseconds(1));

        Assert.True(polled >= RoundTrips / 10, $"{polled} of {polled + slept} events picked up by polling");
    }

    [Fact]
    public async Task PingPong_BusyPollOff_EveryEventWakesTheWorker()
    {
        var (polled, slept) = await PingPongAsync(TimeSpan.Zero);

        Assert.Equal(0, polled);
        Assert.True(slept >= RoundTrips, $"{slept} wake-ups for {RoundTrips} round trips");
    }

    private static async Task<(long Polled, long Slept)> PingPongAsync(TimeSpan busyPoll)
    {
        using var echo = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        echo.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var echoing = Task.Factory.StartNew(() => Echo(echo, RoundTrips), TaskCreationOptions.LongRunning);
        var rule = NodeFixture.UdpRule([(IPEndPoint)echo.LocalEndPoint!]) with { BusyPoll = busyPoll };
        await using var relay = await NodeFixture.StartAsync(rule);
        Assert.True(relay.Udp.UseEpoll);

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 5_000 };
        client.Connect(relay.Listen);
        var before = Counts(relay.Udp);
        await Task.Factory.StartNew(
            () =>
            {
                var buffer = new byte[64];
                for (var i = 0; i < RoundTrips; i++)
                {
                    client.Send(BitConverter.GetBytes(i));
                    var length = client.Receive(buffer);
                    Assert.Equal(i, BitConverter.ToInt32(buffer.AsSpan(0, length)));
                }
            },
            TaskCreationOptions.LongRunning);
        await echoing.WaitAsync(TimeSpan.FromSeconds(10));
        var after = Counts(relay.Udp);
        return (after.Polled - before.Polled, after.Slept - before.Slept);
    }

    private static (long Polled, long Slept) Counts(UdpListener listener) =>
        (listener.Workers.Sum(worker => worker.EventsPolled), listener.Workers.Sum(worker => worker.EventsSlept));

    private static void Echo(Socket socket, int count)
    {
        socket.ReceiveTimeout = 10_000;
        var buffer = new byte[64];
        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
        for (var i = 0; i < count; i++)
        {
            var length = socket.ReceiveFrom(buffer, ref from);
            socket.SendTo(buffer.AsSpan(0, length), from);
        }
    }
}
