using RelayCluster.Core.Health;
using RelayCluster.Core.Upstreams;
using RelayCluster.Node.Health;
using RelayCluster.Node.Health.Internal;

namespace RelayCluster.Node.Tests.Health;

public class A2sInfoProbeTests
{
    private static readonly byte[] s_query = Convert.FromHexString("FFFFFFFF54536F7572636520456E67696E6520517565727900");
    private static readonly byte[] s_challenge = [0x4B, 0xA1, 0x07, 0x3C];
    private static readonly byte[] s_info = Convert.FromHexString("FFFFFFFF4911" + "67616D6500" + "64655F6475737400");

    [Fact]
    public async Task ProbeAsync_ServerWantsTheChallenge_EchoesItAndPasses()
    {
        await using var server = ScriptedUdpUpstream.Start(ChallengingServer);

        var result = await Probe().ProbeAsync(server.EndPoint, CancellationToken.None);

        Assert.True(result.IsPassed, result.ToString());
        Assert.Equal([s_query, [.. s_query, .. s_challenge]], server.Received);
    }

    [Fact]
    public async Task ProbeAsync_ServerAnswersAtOnce_Passes()
    {
        await using var server = ScriptedUdpUpstream.Replying(s_info);

        var result = await Probe().ProbeAsync(server.EndPoint, CancellationToken.None);

        Assert.True(result.IsPassed, result.ToString());
        Assert.Single(server.Received);
    }

    [Theory]
    [InlineData("FFFFFFFF6A00", HealthFailureReason.Mismatch)]
    [InlineData("FEFFFFFF49", HealthFailureReason.Mismatch)]
    [InlineData("FFFFFFFF41", HealthFailureReason.Mismatch)]
    [InlineData("FFFFFFFF4101020304", HealthFailureReason.Mismatch)]
    [InlineData("", HealthFailureReason.Timeout)]
    public async Task ProbeAsync_ServerAnswersWrong_Fails(string replyHex, HealthFailureReason expected)
    {
        // Every query gets the same answer: another challenge, a wrong header, or (empty) silence.
        var reply = Convert.FromHexString(replyHex);
        await using var server = ScriptedUdpUpstream.Start(_ => reply.Length > 0 ? reply : null);

        var result = await Probe(reply.Length > 0 ? null : TimeSpan.FromMilliseconds(200)).ProbeAsync(server.EndPoint, CancellationToken.None);

        Assert.Equal(expected, result.Failure);
    }

    [Theory]
    [InlineData("FFFFFFFF4911", "Info")]
    [InlineData("FFFFFFFF6D3132372E", "Info")]
    [InlineData("FFFFFFFF41DEADBEEF", "Challenge")]
    [InlineData("FFFFFFFF41DEAD", "Other")]
    [InlineData("FFFFFFFF44", "Other")]
    [InlineData("FFFFFFFE49", "Other")]
    [InlineData("FFFF", "Other")]
    public void Classify_Reply_IsRecognized(string replyHex, string expectedKind)
    {
        var expected = Enum.Parse<A2sInfo.ReplyKind>(expectedKind);
        var kind = A2sInfo.Classify(Convert.FromHexString(replyHex), out var challenge);

        Assert.Equal(expected, kind);
        Assert.Equal(expected == A2sInfo.ReplyKind.Challenge ? "DEADBEEF" : "", Convert.ToHexString(challenge));
    }

    [Fact]
    public async Task ProbeAsync_InfoWithPlayers_ReportsThem()
    {
        await using var server = ScriptedUdpUpstream.Replying(A2sServer.Info(players: 12, maxPlayers: 24));

        var result = await Probe().ProbeAsync(server.EndPoint, CancellationToken.None);

        Assert.True(result.IsPassed, result.ToString());
        Assert.Equal(new UpstreamCapacity(12, 24), result.Capacity);
        Assert.Equal("passed, 12/24 players", result.ToString());
    }

    [Theory]
    // Source: header, 'I', protocol 0x11, name, map, folder, game, app id 0x000A, players 3, max 16, bots 0.
    [InlineData("FFFFFFFF4911" + "6E00" + "6D00" + "6600" + "6700" + "0A00" + "03" + "10" + "00", "3/16")]
    // GoldSource: header, 'm', address, name, map, folder, game, players 5, max 20, protocol 0x2F.
    [InlineData("FFFFFFFF6D" + "3132372E302E302E313A323730313500" + "6E00" + "6D00" + "6600" + "6700" + "05" + "14" + "2F", "5/20")]
    // Cut short before the counts, or missing a string's end.
    [InlineData("FFFFFFFF4911" + "6E00" + "6D00" + "6600" + "6700" + "0A00" + "03", null)]
    [InlineData("FFFFFFFF4911" + "6E00" + "6D00", null)]
    [InlineData("FFFFFFFF41DEADBEEF", null)]
    public void ReadCapacity_InfoReply_ReadsPlayersAndMax(string replyHex, string? expected)
    {
        Assert.Equal(expected, A2sInfo.ReadCapacity(Convert.FromHexString(replyHex))?.ToString());
    }

    [Fact]
    public void Query_IsTheDocumentedA2sInfoRequest()
    {
        Assert.Equal(s_query, A2sInfo.Query.ToArray());
        Assert.Equal([.. s_query, .. s_challenge], A2sInfo.QueryWithChallenge(s_challenge));
    }

    [Fact]
    public void HealthProbesCreate_A2sInfoPreset_MakesAnA2sInfoProbe()
    {
        Assert.IsType<A2sInfoProbe>(HealthProbes.Create(HealthConfigText.Bind("check = udp-probe, preset = a2s-info")));
    }

    // Like a current Source server: info only for a query that carries the challenge it handed out.
    private static byte[]? ChallengingServer(byte[] request) =>
        request.AsSpan().SequenceEqual(s_query) ? [0xFF, 0xFF, 0xFF, 0xFF, 0x41, .. s_challenge]
        : request.AsSpan().SequenceEqual([.. s_query, .. s_challenge]) ? s_info
        : null;

    // Long enough for a loaded machine unless the test waits for the timeout.
    private static A2sInfoProbe Probe(TimeSpan? timeout = null) => new(timeout ?? TimeSpan.FromSeconds(5));
}
