using System.Net;
using System.Text;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Listeners;
using RelayCluster.Node.Sessions;
using RelayCluster.Node.Tests.Health;

namespace RelayCluster.Node.Tests.Listeners;

public class TokenRoutingTests
{
    private static readonly TimeSpan s_replyTimeout = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(TokenPosition.Suffix, UdpIo.Default)]
    [InlineData(TokenPosition.Prefix, UdpIo.Default)]
    [InlineData(TokenPosition.Suffix, UdpIo.Async)]
    public async Task FortyClientsTwoTokens_EveryReplyFromTheNamedUpstream_TokenStripped(TokenPosition position, UdpIo io)
    {
        await using var alpha = TaggedUpstream.Start("alpha");
        await using var beta = TaggedUpstream.Start("beta");
        var rule = Rule(position, (alpha, ["AAAA"]), (beta, ["hex:01020304"]));
        await using var relay = await NodeFixture.StartAsync(rule, udpIo: io);
        var clients = Enumerable.Range(0, 40).Select(_ => new UdpPeer(relay.Listen)).ToList();
        try
        {
            for (var round = 0; round < 3; round++)
            {
                for (var i = 0; i < clients.Count; i++)
                {
                    // Not alternating, so that no balancing policy could match the tokens by chance.
                    var (token, expected) = i % 3 == 0 ? ("AAAA"u8.ToArray(), "alpha") : (new byte[] { 1, 2, 3, 4 }, "beta");
                    var payload = Encoding.ASCII.GetBytes($"client {i} round {round}");
                    byte[] datagram = position == TokenPosition.Prefix ? [.. token, .. payload] : [.. payload, .. token];

                    var reply = await clients[i].RoundTripAsync(datagram, s_replyTimeout);

                    Assert.Equal($"{expected}:client {i} round {round}", Encoding.ASCII.GetString(reply!));
                }
            }

            Assert.Equal(14, relay.Rule.Upstreams[0].ActiveSessions);
            Assert.Equal(26, relay.Rule.Upstreams[1].ActiveSessions);
        }
        finally
        {
            clients.ForEach(client => client.Dispose());
        }
    }

    [Fact]
    public async Task UnknownOrMissingToken_NoReplyAndCounted()
    {
        await using var alpha = TaggedUpstream.Start("alpha");
        await using var relay = await NodeFixture.StartAsync(Rule(TokenPosition.Suffix, (alpha, ["AAAA"])));
        using var stranger = new UdpPeer(relay.Listen);
        using var tokenless = new UdpPeer(relay.Listen);

        stranger.Send("helloZZZZ"u8);
        tokenless.Send("AAA"u8);

        await Eventually.TrueAsync(() => relay.Rule.Counters.Drops(DropReason.UnknownToken) == 2, "both datagrams to be dropped as unknown-token");
        Assert.Null(await stranger.ReceiveAsync(TimeSpan.FromMilliseconds(200)));
        Assert.Equal(0, alpha.Received);
        Assert.Empty(relay.Udp.Sessions);
    }

    [Fact]
    public async Task TokenTableChangedAtRuntime_NewSessionsFollowItExistingKeepTheirUpstream()
    {
        await using var alpha = TaggedUpstream.Start("alpha");
        await using var beta = TaggedUpstream.Start("beta");
        await using var relay = await NodeFixture.StartAsync(Rule(TokenPosition.Suffix, (alpha, ["AAAA"]), (beta, ["BBBB"])));
        using var early = new UdpPeer(relay.Listen);
        Assert.Equal("alpha:1", Text(await early.RoundTripAsync("1AAAA"u8.ToArray(), s_replyTimeout)));

        // AAAA now names beta.
        var failures = await relay.Node.ApplyRulesAsync([Rule(TokenPosition.Suffix, (alpha, ["CCCC"]), (beta, ["AAAA", "BBBB"]))]);
        Assert.Empty(failures);

        using var late = new UdpPeer(relay.Listen);
        Assert.Equal("beta:2", Text(await late.RoundTripAsync("2AAAA"u8.ToArray(), s_replyTimeout)));
        Assert.Equal("alpha:3", Text(await early.RoundTripAsync("3AAAA"u8.ToArray(), s_replyTimeout)));
        Assert.Equal("alpha:4", Text(await early.RoundTripAsync("4BBBB"u8.ToArray(), s_replyTimeout)));
    }

    [Fact]
    public async Task Rebind_AnotherUpstreamsToken_MovesTheSession()
    {
        await using var alpha = TaggedUpstream.Start("alpha");
        await using var beta = TaggedUpstream.Start("beta");
        var rule = Rule(TokenPosition.Suffix, (alpha, ["AAAA"]), (beta, ["BBBB"]));
        await using var relay = await NodeFixture.StartAsync(rule with { Token = rule.Token! with { Rebind = true } });
        using var player = new UdpPeer(relay.Listen);

        Assert.Equal("alpha:1", Text(await player.RoundTripAsync("1AAAA"u8.ToArray(), s_replyTimeout)));
        Assert.Equal("beta:2", Text(await player.RoundTripAsync("2BBBB"u8.ToArray(), s_replyTimeout)));

        await Eventually.TrueAsync(() => relay.Rule.Counters.SessionsClosed.GetValueOrDefault(SessionCloseReason.TokenChanged) == 1, "the first session to end as token-changed");
    }

    [Fact]
    public async Task StripOff_TokenReachesTheUpstream()
    {
        await using var alpha = TaggedUpstream.Start("alpha");
        var rule = Rule(TokenPosition.Prefix, (alpha, ["AAAA"]));
        await using var relay = await NodeFixture.StartAsync(rule with { Token = rule.Token! with { Strip = false } });
        using var player = new UdpPeer(relay.Listen);

        Assert.Equal("alpha:AAAAhi", Text(await player.RoundTripAsync("AAAAhi"u8.ToArray(), s_replyTimeout)));
    }

    private static RuleConfig Rule(TokenPosition position, params (TaggedUpstream Upstream, string[] Tokens)[] upstreams) =>
        NodeFixture.UdpRule(upstreams.Select(upstream => upstream.Upstream.EndPoint)) with
        {
            Token = new TokenConfig { Position = position, Length = 4 },
            Upstreams = upstreams.Select(upstream => new UpstreamConfig
            {
                Address = upstream.Upstream.EndPoint.ToString(),
                Host = upstream.Upstream.EndPoint.Address.ToString(),
                Port = upstream.Upstream.EndPoint.Port,
                Tokens = upstream.Tokens.Select(Hex).ToList(),
            }).ToList(),
        };

    private static string Hex(string token) =>
        token.StartsWith("hex:", StringComparison.Ordinal) ? token[4..] : Convert.ToHexString(Encoding.UTF8.GetBytes(token));

    private static string? Text(byte[]? reply) => reply is null ? null : Encoding.ASCII.GetString(reply);

    /// <summary>An upstream that answers each datagram with its name, a colon and the datagram, so a reply says who sent it.</summary>
    private sealed class TaggedUpstream : IAsyncDisposable
    {
        private readonly ScriptedUdpUpstream _socket;

        private TaggedUpstream(string name) =>
            _socket = ScriptedUdpUpstream.Start(datagram => [.. Encoding.ASCII.GetBytes(name + ":"), .. datagram]);

        public IPEndPoint EndPoint => _socket.EndPoint;

        public int Received => _socket.Received.Count;

        public static TaggedUpstream Start(string name) => new(name);

        public ValueTask DisposeAsync() => _socket.DisposeAsync();
    }
}
