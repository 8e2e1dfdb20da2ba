using System.Net;
using System.Net.Sockets;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Sessions;
using RelayCluster.Node.Tests.Sessions;
using RelayCluster.Testing.Upstreams;

namespace RelayCluster.Node.Tests.Admission;

public class AccessListTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(5);

    public static TheoryData<string[], string[], string, bool> Ipv4Rows => new()
    {
        // allow, deny, client, admitted
        { [], [], "127.0.0.1", true },
        { [], ["127.0.0.2"], "127.0.0.2", false },
        { [], ["127.0.0.2"], "127.0.0.3", true },
        { ["127.0.0.0/30"], [], "127.0.0.2", true },
        { ["127.0.0.0/30"], [], "127.0.0.5", false },
        { ["127.0.0.0/24"], ["127.0.0.2/32"], "127.0.0.2", false },
        { ["127.0.0.0/24"], ["127.0.0.2/32"], "127.0.0.3", true },
        { ["10.0.0.0/8"], [], "127.0.0.1", false },
    };

    [Theory]
    [MemberData(nameof(Ipv4Rows))]
    public async Task Udp_AllowAndDenyLists_DecideNewSessionsDenyWins(string[] allow, string[] deny, string client, bool admitted)
    {
        await using var echo = UdpEchoUpstream.Start();
        var rule = NodeFixture.UdpRule([echo.EndPoint]) with { Access = Access(allow, deny) };
        await using var relay = await NodeFixture.StartAsync(rule);
        using var peer = new UdpPeer(relay.Listen, IPAddress.Parse(client));

        if (admitted)
        {
            Assert.NotNull(await peer.RoundTripAsync([1], s_timeout));
        }
        else
        {
            peer.Send([1]);
            await Eventually.TrueAsync(() => relay.Rule.Counters.Drops(DropReason.AccessDenied) == 1, "the client to be refused");
            Assert.Equal(0, echo.DatagramsReceived);
        }
    }

    [Theory]
    [InlineData(new string[0], new[] { "::1" }, false)]
    [InlineData(new[] { "::1/128" }, new string[0], true)]
    [InlineData(new[] { "2001:db8::/32" }, new string[0], false)]
    [InlineData(new[] { "127.0.0.0/8" }, new string[0], false)]
    public async Task Udp_Ipv6Client_MatchedAgainstIpv6Networks(string[] allow, string[] deny, bool admitted)
    {
        await using var echo = UdpEchoUpstream.Start();
        var rule = NodeFixture.UdpRule([echo.EndPoint]) with { Access = Access(allow, deny), Listen = new IPEndPoint(IPAddress.IPv6Loopback, 0) };
        await using var relay = await NodeFixture.StartAsync(rule);
        using var peer = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
        peer.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
        await peer.SendToAsync(new byte[] { 1 }, relay.Listen);

        if (admitted)
        {
            var buffer = new byte[16];
            using var cts = new CancellationTokenSource(s_timeout);
            Assert.Equal(1, await peer.ReceiveAsync(buffer, SocketFlags.None, cts.Token));
        }
        else
        {
            await Eventually.TrueAsync(() => relay.Rule.Counters.Drops(DropReason.AccessDenied) == 1, "the IPv6 client to be refused");
        }
    }

    [Fact]
    public async Task Tcp_DeniedClient_ConnectionResetAndCountedOthersServed()
    {
        await using var echo = TcpEchoUpstream.Start();
        var rule = NodeFixture.TcpRule([echo.EndPoint]) with { Access = Access([], ["127.0.0.3"]) };
        await using var relay = await NodeFixture.StartAsync(rule);

        await Assert.ThrowsAnyAsync<SocketException>(async () =>
        {
            using var denied = await TcpClientPeer.ConnectAsync(relay.Listen, IPAddress.Parse("127.0.0.3"));
            await TcpClientPeer.ReadToEndAsync(denied, s_timeout);
        });
        using var allowed = await TcpClientPeer.ConnectAsync(relay.Listen, IPAddress.Parse("127.0.0.4"));
        await allowed.SendAsync(new byte[] { 9 });

        Assert.Equal([9], await TcpClientPeer.ReadExactlyAsync(allowed, 1, s_timeout));
        Assert.Equal(1, relay.Rule.Counters.Drops(DropReason.AccessDenied));
        Assert.Equal(1, echo.ConnectionsAccepted);
    }

    private static AccessConfig Access(string[] allow, string[] deny) => new()
    {
        Allow = allow.Select(Parse).ToList(),
        Deny = deny.Select(Parse).ToList(),
    };

    private static CidrRange Parse(string text) =>
        CidrRange.TryParse(text, out var range, out var reason) ? range : throw new ArgumentException(reason, nameof(text));
}
