using System.Text;
using RelayCluster.Core.Health;
using RelayCluster.Node.Health;
using RelayCluster.Testing.Upstreams;

namespace RelayCluster.Node.Tests.Health;

public class UdpProbeTests
{
    // Long enough for a loaded machine: probes that get their reply end long before it.
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task ProbeAsync_EchoUpstreamRepliesWithExpectedPrefix_Passes()
    {
        await using var upstream = UdpEchoUpstream.Start();
        var probe = Probe("""udp-probe { send = "hex:FFFFFFFF54", expect = "hex:FFFFFFFF" }""");

        var result = await probe.ProbeAsync(upstream.EndPoint, CancellationToken.None);

        Assert.True(result.IsPassed, result.ToString());
        Assert.Equal(1, upstream.DatagramsReceived);
    }

    [Theory]
    // Prefix of bytes.
    [InlineData("\"hex:FFFFFFFF49\"", "FFFFFFFF4911", true)]
    [InlineData("\"hex:FFFFFFFF49\"", "FFFFFFFF4111223344", false)]
    [InlineData("\"hex:FFFFFFFF49\"", "FFFFFF", false)]
    // Prefix of text.
    [InlineData("\"pong\"", "706F6E6720310A", true)]
    [InlineData("\"pong\"", "70616E67", false)]
    [InlineData("\"pong\"", "", false)]
    // A pattern over the reply read as Latin-1.
    [InlineData("\"\"\"regex:^\\xFF{4}statusResponse\\n\"\"\"", "FFFFFFFF737461747573526573706F6E73650A", true)]
    [InlineData("\"\"\"regex:^\\xFF{4}statusResponse\\n\"\"\"", "FFFFFFFE737461747573526573706F6E73650A", false)]
    [InlineData("\"regex:players=[0-9]+\"", "6D61703D31303B706C61796572733D37", true)]
    [InlineData("\"regex:players=[0-9]+\"", "6D61703D31303B706C61796572733D", false)]
    public async Task ProbeAsync_Reply_PassesOnlyWhenItMatchesExpect(string expect, string replyHex, bool passes)
    {
        await using var upstream = ScriptedUdpUpstream.Replying(Convert.FromHexString(replyHex));
        var probe = Probe($$"""udp-probe { send = "ping", expect = {{expect}} }""");

        var result = await probe.ProbeAsync(upstream.EndPoint, CancellationToken.None);

        Assert.Equal(passes, result.IsPassed);
        Assert.Equal(passes ? null : HealthFailureReason.Mismatch, result.Failure);
        Assert.Equal("ping"u8.ToArray(), Assert.Single(upstream.Received));
    }

    [Fact]
    public async Task ProbeAsync_WrongReply_DetailShowsReplyAndExpectation()
    {
        await using var upstream = ScriptedUdpUpstream.Replying(Encoding.ASCII.GetBytes("nope"));
        var probe = Probe("""udp-probe { send = "ping", expect = "hex:FFFF" }""");

        var result = await probe.ProbeAsync(upstream.EndPoint, CancellationToken.None);

        Assert.Equal("mismatch: reply 6E6F7065 does not start with FFFF", result.ToString());
    }

    [Fact]
    public async Task ProbeAsync_UpstreamStopsReplying_TimesOut()
    {
        await using var upstream = UdpEchoUpstream.Start();
        upstream.Replying = false;
        var probe = HealthProbes.Create(HealthConfigText.Bind("check = udp-probe, timeout = 300ms, udp-probe.send = ping"))!;

        var result = await probe.ProbeAsync(upstream.EndPoint, CancellationToken.None);

        Assert.Equal(HealthFailureReason.Timeout, result.Failure);
        Assert.Equal("timeout: no reply within 300ms", result.ToString());
    }

    [Fact]
    public async Task ProbeAsync_NothingListens_IsRefused()
    {
        var probe = Probe("udp-probe { send = ping }");

        var result = await probe.ProbeAsync(ClosedPort.Udp(), CancellationToken.None);

        Assert.Equal(HealthFailureReason.Refused, result.Failure);
    }

    [Fact]
    public async Task ProbeAsync_CallerCancels_Throws()
    {
        await using var upstream = UdpEchoUpstream.Start();
        upstream.Replying = false;
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(20));
        var probe = Probe("udp-probe { send = ping }");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => probe.ProbeAsync(upstream.EndPoint, cancellation.Token).AsTask());
    }

    private static IHealthProbe Probe(string health) =>
        HealthProbes.Create(HealthConfigText.Bind($"check = udp-probe, timeout = {s_timeout.TotalSeconds}s, interval = {s_timeout.TotalSeconds}s, {health}"))!;
}
