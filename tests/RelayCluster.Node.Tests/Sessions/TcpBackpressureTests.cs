using System.Net;
using System.Net.Sockets;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Listeners;
using Xunit.Abstractions;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Tests.Sessions;

[CollectionDefinition(nameof(MemoryMeasurement), DisableParallelization = true)]
public class MemoryMeasurement;

[Collection(nameof(MemoryMeasurement))]
public class TcpBackpressureTests(ITestOutputHelper output)
{
    private const int Offered = 100 * 1024 * 1024;
    private static readonly TimeSpan s_stall = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(TcpIo.Default)]
    [InlineData(TcpIo.Async)]
    public async Task ClientStopsReading_HundredMebibytesPending_RelayMemoryStaysWithinBound(TcpIo io)
    {
        using var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        upstream.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        upstream.Listen(1);
        var session = new SessionConfig { IdleTimeout = TimeSpan.FromMinutes(10), BufferSize = 16 * 1024 };
        await using var relay = await NodeFixture.StartAsync(NodeFixture.TcpRule([(IPEndPoint)upstream.LocalEndPoint!], session), tcpIo: io);
        using var client = await TcpClientPeer.ConnectAsync(relay.Listen);
        using var accepted = await upstream.AcceptAsync();
        var chunk = new byte[1024 * 1024];
        var written = 0L;
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < Offered / chunk.Length; i++)
            {
                await accepted.SendAsync(chunk, SocketFlags.None);
                Interlocked.Add(ref written, chunk.Length);
            }

            accepted.Shutdown(SocketShutdown.Send);
        });

        // The client reads nothing for five seconds while the upstream tries to push 100 MiB through the relay.
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var peakRented = 0L;
        var stallEnds = DateTime.UtcNow + s_stall;
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (DateTime.UtcNow < stallEnds && await tick.WaitForNextTickAsync())
        {
            peakRented = Math.Max(peakRented, relay.Rule.TcpBuffers.BytesRented);
        }

        var allocatedDuringStall = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        output.WriteLine($"stall {s_stall.TotalSeconds} s: upstream wrote {Interlocked.Read(ref written)} of {Offered} bytes, relay buffers peaked at {peakRented} bytes, process allocated {allocatedDuringStall} bytes");
        Assert.False(writer.IsCompleted, $"the upstream wrote all {Offered} bytes although the client read none: no backpressure");
        Assert.True(Interlocked.Read(ref written) < Offered / 2, $"the upstream got {Interlocked.Read(ref written)} bytes out while the client was not reading");
        Assert.True(peakRented <= 2 * session.BufferSize, $"the relay held {peakRented} bytes of buffers for one connection");
        Assert.True(allocatedDuringStall < 8 * 1024 * 1024, $"the process allocated {allocatedDuringStall} bytes during the stall");

        var received = await TcpClientPeer.ReadToEndAsync(client, TimeSpan.FromSeconds(60));
        await writer;
        Assert.Equal(Offered, received.Length);
    }
}
