using System.Net;
using System.Net.Sockets;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Tests.Sessions;

namespace RelayCluster.Node.Tests.Sessions;

public class ProxyV2TcpTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(5);

    public static TheoryData<string, string> Rows => new()
    {
        // The rule's listen address and the client's address.
        { "127.0.0.1", "127.0.0.1" },
        { "127.0.0.1", "127.0.0.5" },
        { "::1", "::1" },

        // A dual-stack wildcard listener: the accepted connection knows the address the client dialled, 127.0.0.1.
        { "::", "127.0.0.6" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Connect_ProxyV2_HeaderOnceBeforeTheClientsBytes(string listen, string client)
    {
        var listenAddress = IPAddress.Parse(listen);
        var clientAddress = IPAddress.Parse(client);
        await using var upstream = ProxyV2TcpUpstream.Start(clientAddress.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback);
        var rule = NodeFixture.TcpRule([upstream.EndPoint]) with { Listen = new IPEndPoint(listenAddress, 0), ProxyProtocol = ProxyProtocolVersion.V2 };
        await using var relay = await NodeFixture.StartAsync(rule);
        var target = listenAddress.Equals(IPAddress.IPv6Any) ? new IPEndPoint(IPAddress.Loopback, relay.Listen.Port) : relay.Listen;

        using var socket = new Socket(clientAddress.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Bind(new IPEndPoint(clientAddress, 0));
        await socket.ConnectAsync(target);
        var sent = await ExchangeAsync(socket, ["hello"u8.ToArray(), new byte[3000], "after a pause"u8.ToArray()]);
        await Eventually.TrueAsync(() => !upstream.Connections.IsEmpty, "the upstream to finish the connection");

        var (header, error, stream) = Assert.Single(upstream.Connections);
        Assert.True(header is not null, error);
        Assert.Equal(clientAddress.AddressFamily == AddressFamily.InterNetwork ? ProxyV2Frame.AfInet : ProxyV2Frame.AfInet6, header.Family);
        Assert.Equal(ProxyV2Frame.Stream, header.Transport);
        Assert.Equal(socket.LocalEndPoint, header.Source);
        Assert.Equal(target, header.Destination);
        Assert.Equal(sent, stream[header.Length..]);
    }

    [Fact]
    public async Task Connect_ProxyV2FirstUpstreamRefuses_HeaderSentOnTheRetriedConnection()
    {
        await using var upstream = ProxyV2TcpUpstream.Start(IPAddress.Loopback);

        // Round-robin tries the first upstream first, so the session must move on to the second.
        var rule = NodeFixture.TcpRule([TcpClientPeer.RefusingEndPoint(), upstream.EndPoint]) with { ProxyProtocol = ProxyProtocolVersion.V2 };
        await using var relay = await NodeFixture.StartAsync(rule);
        using var socket = await TcpClientPeer.ConnectAsync(relay.Listen, IPAddress.Parse("127.0.0.4"));
        var sent = await ExchangeAsync(socket, ["retried"u8.ToArray()]);
        await Eventually.TrueAsync(() => !upstream.Connections.IsEmpty, "the upstream to finish the connection");

        var (header, error, stream) = Assert.Single(upstream.Connections);
        Assert.True(header is not null, error);
        Assert.Equal(socket.LocalEndPoint, header.Source);
        Assert.Equal(relay.Listen, header.Destination);
        Assert.Equal(sent, stream[header.Length..]);
    }

    /// <summary>Sends each chunk and reads its echo before the next, then closes and waits for the upstream to finish.</summary>
    private static async Task<byte[]> ExchangeAsync(Socket socket, byte[][] chunks)
    {
        foreach (var chunk in chunks)
        {
            await socket.SendAsync(chunk, SocketFlags.None);
            Assert.Equal(chunk, await TcpClientPeer.ReadExactlyAsync(socket, chunk.Length, s_timeout));
        }

        socket.Shutdown(SocketShutdown.Send);
        Assert.Empty(await TcpClientPeer.ReadToEndAsync(socket, s_timeout));
        return chunks.SelectMany(chunk => chunk).ToArray();
    }
}
