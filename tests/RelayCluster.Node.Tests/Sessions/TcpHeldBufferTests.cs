using System.Net;
using System.Net.Sockets;
using RelayCluster.Core.Configuration;
using RelayCluster.Core.Upstreams;
using RelayCluster.Node.Listeners;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Tests.Sessions;

/// <summary>A session that holds bytes its client did not take yet gives the buffer back however it ends.</summary>
[Collection(nameof(MemoryMeasurement))]
public class TcpHeldBufferTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(TcpIo.Default)]
    [InlineData(TcpIo.Async)]
    public async Task ClientStopsReading_UpstreamDisabled_BufferGivenBackAndBothSidesReset(TcpIo io)
    {
        await using var stalled = await StalledSession.StartAsync(io);

        var address = stalled.Relay.Rule.Config.Upstreams[0].Address;
        Assert.True(await stalled.Relay.Node.SetUpstreamAdminStateAsync("test", address, UpstreamAdminState.Disabled));

        await Eventually.TrueAsync(() => stalled.Relay.Rule.Counters.SessionsActive == 0, "the session to end");
        Assert.Equal(1, stalled.Relay.Rule.Counters.SessionsClosed[SessionCloseReason.UpstreamDisabled]);
        Assert.Equal(0, stalled.Relay.Rule.TcpBuffers.BytesRented);
        var error = await Assert.ThrowsAsync<SocketException>(() => stalled.Writer);
        Assert.Equal(SocketError.ConnectionReset, error.SocketErrorCode);
    }

    [Theory]
    [InlineData(TcpIo.Default)]
    [InlineData(TcpIo.Async)]
    public async Task ClientStopsReadingThenResets_SessionEndsClientResetAndBufferGivenBack(TcpIo io)
    {
        await using var stalled = await StalledSession.StartAsync(io);

        stalled.Client.LingerState = new LingerOption(true, 0);
        stalled.Client.Dispose();

        await Eventually.TrueAsync(() => stalled.Relay.Rule.Counters.SessionsActive == 0, "the session to end");
        Assert.Equal(1, stalled.Relay.Rule.Counters.SessionsClosed[SessionCloseReason.ClientReset]);
        Assert.Equal(0, stalled.Relay.Rule.TcpBuffers.BytesRented);
        await Assert.ThrowsAsync<SocketException>(() => stalled.Writer);
    }

    /// <summary>An upstream writing through the relay to a client that reads nothing, until the relay holds a buffer.</summary>
    private sealed class StalledSession : IAsyncDisposable
    {
        private readonly Socket _upstream;
        private readonly Socket _accepted;

        private StalledSession(NodeFixture relay, Socket upstream, Socket client, Socket accepted)
        {
            Relay = relay;
            _upstream = upstream;
            Client = client;
            _accepted = accepted;
            Writer = Task.Run(async () =>
            {
                var chunk = new byte[64 * 1024];
                while (true)
                {
                    await accepted.SendAsync(chunk, SocketFlags.None);
                }
            });
        }

        public NodeFixture Relay { get; }

        public Socket Client { get; }

        /// <summary>Writes until the relay resets the upstream connection.</summary>
        public Task Writer { get; }

        public static async Task<StalledSession> StartAsync(TcpIo io)
        {
            var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            upstream.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            upstream.Listen(1);
            var session = new SessionConfig { IdleTimeout = TimeSpan.FromMinutes(10), BufferSize = 16 * 1024 };
            var relay = await NodeFixture.StartAsync(NodeFixture.TcpRule([(IPEndPoint)upstream.LocalEndPoint!], session), tcpIo: io);
            var client = await TcpClientPeer.ConnectAsync(relay.Listen);
            var accepted = await upstream.AcceptAsync().WaitAsync(s_timeout);
            var stalled = new StalledSession(relay, upstream, client, accepted);
            await Eventually.TrueAsync(() => relay.Rule.TcpBuffers.BytesRented > 0, "the relay to hold bytes the client did not take");
            return stalled;
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            _accepted.Dispose();
            _upstream.Dispose();
            await Relay.DisposeAsync();
        }
    }
}
