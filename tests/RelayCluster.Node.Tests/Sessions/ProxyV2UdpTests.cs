using System.Net;
using System.Net.Sockets;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Listeners;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Tests.Sessions;

public class ProxyV2UdpTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(5);

    public static TheoryData<string, string, UdpIo> Rows => new()
    {
        // The rule's listen address, the client's address, how the listener moves datagrams.
        { "127.0.0.1", "127.0.0.1", UdpIo.Default },
        { "127.0.0.1", "127.0.0.7", UdpIo.Default },
        { "127.0.0.1", "127.0.0.7", UdpIo.Async },
        { "::1", "::1", UdpIo.Default },
        { "::1", "::1", UdpIo.Async },

        // A dual-stack wildcard listener: an IPv4 client still gets an IPv4 header, naming the wildcard address.
        { "::", "127.0.0.9", UdpIo.Default },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Forward_ProxyV2_EveryDatagramCarriesTheClientsAddressAndRepliesCarryNone(string listen, string client, UdpIo io)
    {
        var listenAddress = IPAddress.Parse(listen);
        var clientAddress = IPAddress.Parse(client);
        await using var upstream = ProxyV2UdpUpstream.Start(clientAddress.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback);
        var rule = NodeFixture.UdpRule([upstream.EndPoint]) with { Listen = new IPEndPoint(listenAddress, 0), ProxyProtocol = ProxyProtocolVersion.V2 };
        await using var relay = await NodeFixture.StartAsync(rule, udpIo: io);
        var target = listenAddress.Equals(IPAddress.IPv6Any) ? new IPEndPoint(IPAddress.Loopback, relay.Listen.Port) : relay.Listen;
        using var peer = new UdpPeer(target, clientAddress);

        var payloads = Enumerable.Range(0, 8).Select(i => Enumerable.Range(0, 1 + (i * 37)).Select(b => (byte)(b + i)).ToArray()).ToList();
        foreach (var payload in payloads)
        {
            Assert.Equal(payload, await peer.RoundTripAsync(payload, s_timeout));
        }

        var expectedDestination = listenAddress.Equals(IPAddress.IPv6Any) ? new IPEndPoint(IPAddress.Any, relay.Listen.Port) : relay.Listen;
        var received = upstream.Received.ToList();
        Assert.Equal(payloads.Count, received.Count);
        for (var i = 0; i < received.Count; i++)
        {
            var (header, error, payload) = received[i];
            Assert.True(header is not null, error);
            Assert.Equal(clientAddress.AddressFamily == AddressFamily.InterNetwork ? ProxyV2Frame.AfInet : ProxyV2Frame.AfInet6, header.Family);
            Assert.Equal(ProxyV2Frame.Datagram, header.Transport);
            Assert.Equal(peer.LocalEndPoint, header.Source);
            Assert.Equal(expectedDestination, header.Destination);
            Assert.Equal(payloads[i], payload);
        }
    }

    [Fact]
    public async Task Forward_ProxyV2_MaxDatagramAppliesToThePayloadNotTheHeader()
    {
        await using var upstream = ProxyV2UdpUpstream.Start(IPAddress.Loopback);
        var session = new SessionConfig { MaxDatagram = SessionConfig.MinMaxDatagram };
        var rule = NodeFixture.UdpRule([upstream.EndPoint], session) with { ProxyProtocol = ProxyProtocolVersion.V2 };
        await using var relay = await NodeFixture.StartAsync(rule);
        using var peer = new UdpPeer(relay.Listen);
        var largest = new byte[session.MaxDatagram];
        Array.Fill(largest, (byte)7);

        Assert.Equal(largest, await peer.RoundTripAsync(largest, s_timeout));
        peer.Send(new byte[session.MaxDatagram + 1]);
        await Eventually.TrueAsync(() => relay.Rule.Counters.Drops(DropReason.Truncated) == 1, "the oversized datagram to be dropped");

        var (header, error, payload) = Assert.Single(upstream.Received);
        Assert.True(header is not null, error);
        Assert.Equal(largest, payload);
    }
}
