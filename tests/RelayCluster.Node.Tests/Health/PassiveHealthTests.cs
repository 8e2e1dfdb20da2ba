using System.Net;
using System.Net.Sockets;
using RelayCluster.Core.Configuration;
using RelayCluster.Core.Upstreams;

namespace RelayCluster.Node.Tests.Health;

public class PassiveHealthTests
{
    [Fact]
    public async Task UdpReplyTimeout_UpstreamAnswersProbesButNotSessions_MarkedUnhealthy()
    {
        using var upstream = ProbeOnlyUpstream.Start();
        var health = new HealthConfig
        {
            Check = HealthCheckKind.UdpProbe,
            Interval = TimeSpan.FromSeconds(1),
            Timeout = TimeSpan.FromMilliseconds(500),
            Rise = 3,
            Fall = 1,
            UdpProbe = new UdpProbeConfig { Send = "ping"u8.ToArray(), Expect = "ping"u8.ToArray() },
            Passive = new PassiveHealthConfig { UdpReplyTimeout = TimeSpan.FromMilliseconds(200) },
        };
        await using var relay = await NodeFixture.StartAsync(NodeFixture.UdpRule([upstream.EndPoint]) with { Health = health });
        var state = relay.Rule.Upstreams[0];
        await Eventually.TrueAsync(() => upstream.ProbesAnswered > 0, "the first active probe to pass");
        Assert.NotEqual(UpstreamHealth.Unhealthy, state.Health);

        using var peer = new UdpPeer(relay.Listen);
        peer.Send("game"u8);

        await Eventually.TrueAsync(() => state.Health == UpstreamHealth.Unhealthy, "the silent session to count as a failure");
    }

    /// <summary>An upstream that answers health probes ("ping") and ignores everything else: a server whose game loop hangs.</summary>
    private sealed class ProbeOnlyUpstream : IDisposable
    {
        private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        private int _answered;

        private ProbeOnlyUpstream()
        {
            _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
            _ = Task.Run(AnswerAsync);
        }

        public IPEndPoint EndPoint { get; }

        public int ProbesAnswered => Volatile.Read(ref _answered);

        public static ProbeOnlyUpstream Start() => new();

        private async Task AnswerAsync()
        {
            var buffer = new byte[2048];
            var from = new SocketAddress(AddressFamily.InterNetwork);
            try
            {
                while (true)
                {
                    var length = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, from);
                    if (buffer.AsSpan(0, length).SequenceEqual("ping"u8))
                    {
                        _socket.SendTo(buffer.AsSpan(0, length), SocketFlags.None, from);
                        Interlocked.Increment(ref _answered);
                    }
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Disposed at the end of the test.
            }
        }

        public void Dispose() => _socket.Dispose();
    }
}
