using System.Net;
using System.Net.Sockets;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Tests.Sessions;
using Xunit.Abstractions;

namespace RelayCluster.Node.Tests.Tls;

[Collection(nameof(MemoryMeasurement))]
public class TlsBackpressureTests(ITestOutputHelper output)
{
    private const int Offered = 64 * 1024 * 1024;
    private static readonly TimeSpan s_stall = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task TlsClientStopsReading_UpstreamHeldBackAndRelayBuffersStayWithinBound()
    {
        using var files = TlsFiles.Create();
        using var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        upstream.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        upstream.Listen(1);
        var session = new SessionConfig { IdleTimeout = TimeSpan.FromMinutes(10), BufferSize = 16 * 1024 };
        var rule = NodeFixture.TcpRule([(IPEndPoint)upstream.LocalEndPoint!], session) with { Tls = files.Config };
        await using var relay = await NodeFixture.StartAsync(rule);
        await using var client = await TlsClientPeer.ConnectAsync(relay.Listen, files.Certificate.Thumbprint);
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

        var peakRented = 0L;
        var stallEnds = DateTime.UtcNow + s_stall;
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (DateTime.UtcNow < stallEnds && await tick.WaitForNextTickAsync())
        {
            peakRented = Math.Max(peakRented, relay.Rule.TcpBuffers.BytesRented);
        }

        output.WriteLine($"stall {s_stall.TotalSeconds} s: upstream wrote {Interlocked.Read(ref written)} of {Offered} bytes, relay buffers peaked at {peakRented} bytes");
        Assert.False(writer.IsCompleted, $"the upstream wrote all {Offered} bytes although the client read none: no backpressure");
        Assert.True(peakRented <= 2 * session.BufferSize, $"the relay held {peakRented} bytes of buffers for one connection");

        var received = await client.ReadToEndAsync(TimeSpan.FromSeconds(60));
        await writer;
        Assert.Equal(Offered, received.Length);
    }
}
