using System.Net.Sockets;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Sessions;
using RelayCluster.Node.Tests.Sessions;
using RelayCluster.Testing.Tls;
using RelayCluster.Testing.Upstreams;

namespace RelayCluster.Node.Tests.Tls;

// Bulk TLS transfers take both cores for a moment; alone, they leave the timing tests of other classes undisturbed.
[CollectionDefinition(nameof(TlsBulkTransfer), DisableParallelization = true)]
public class TlsBulkTransfer;

[Collection(nameof(TlsBulkTransfer))]
public class TlsRelayTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(1)]
    [InlineData(16_385)]
    [InlineData(300_000)]
    [InlineData(1024 * 1024)]
    public async Task Relay_TlsClientPlainUpstream_EchoesEveryByte(int size)
    {
        using var files = TlsFiles.Create();
        await using var echo = TcpEchoUpstream.Start();
        await using var relay = await NodeFixture.StartAsync(NodeFixture.TcpRule([echo.EndPoint]) with { Tls = files.Config });
        var payload = Payload(size, seed: size);

        await using var client = await TlsClientPeer.ConnectAsync(relay.Listen, files.Certificate.Thumbprint);
        var echoed = await client.RoundTripAsync(payload, s_timeout);

        Assert.True(payload.AsSpan().SequenceEqual(echoed), $"{echoed.Length} bytes came back for {payload.Length} sent");
        Assert.Equal(size, echo.BytesReceived);
        await Eventually.TrueAsync(() => relay.Rule.Counters.SessionsActive == 0, "the session to end");
        Assert.Equal(1, relay.Rule.Counters.SessionsClosed[SessionCloseReason.ClientClosed]);
        Assert.Equal(size, relay.Rule.Counters.EndedTraffic.BytesToUpstream);
        Assert.Equal(0, relay.Rule.TcpBuffers.BytesRented);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1024 * 1024)]
    public async Task Relay_TlsClientTlsUpstreamVerifiedAgainstCaFile_EchoesEveryByte(int size)
    {
        using var files = TlsFiles.Create();
        using var upstreamFiles = TlsFiles.Create();
        await using var echo = TlsEchoUpstream.Start(upstreamFiles.Certificate.Certificate);
        var upstreamTls = new UpstreamTlsConfig { Enabled = true, ServerName = "localhost", CaCertificates = upstreamFiles.CertificatePath };
        await using var relay = await NodeFixture.StartAsync(NodeFixture.TcpRule([echo.EndPoint]) with { Tls = files.Config, UpstreamTls = upstreamTls });
        var payload = Payload(size, seed: 7);

        await using var client = await TlsClientPeer.ConnectAsync(relay.Listen, files.Certificate.Thumbprint);
        var echoed = await client.RoundTripAsync(payload, s_timeout);

        Assert.True(payload.AsSpan().SequenceEqual(echoed), $"{echoed.Length} bytes came back for {payload.Length} sent");
        Assert.Equal(1, echo.Handshakes);
        await Eventually.TrueAsync(() => relay.Rule.Counters.SessionsActive == 0, "the session to end");
        Assert.Equal(1, relay.Rule.Counters.SessionsClosed[SessionCloseReason.ClientClosed]);
    }

    [Fact]
    public async Task Relay_FiftyTlsConnectionsBothSides_EachEchoesExactlyItsOwnBytes()
    {
        using var files = TlsFiles.Create();
        using var upstreamFiles = TlsFiles.Create();
        await using var echo = TlsEchoUpstream.Start(upstreamFiles.Certificate.Certificate);
        var upstreamTls = new UpstreamTlsConfig { Enabled = true, ServerName = "localhost", CaCertificates = upstreamFiles.CertificatePath };
        await using var relay = await NodeFixture.StartAsync(NodeFixture.TcpRule([echo.EndPoint]) with { Tls = files.Config, UpstreamTls = upstreamTls });
        var random = new Random(42);
        var payloads = Enumerable.Range(0, 50).Select(_ => Payload(random.Next(1, 256 * 1024), random.Next())).ToList();

        await Task.WhenAll(payloads.Select((payload, id) => Task.Run(async () =>
        {
            await using var client = await TlsClientPeer.ConnectAsync(relay.Listen, files.Certificate.Thumbprint);
            var echoed = await client.RoundTripAsync(payload, s_timeout);
            Assert.True(payload.AsSpan().SequenceEqual(echoed), $"connection {id}: {echoed.Length} bytes came back for {payload.Length} sent");
        })));

        await Eventually.TrueAsync(() => relay.Rule.Counters.SessionsActive == 0, "every session to end");
        Assert.Equal(50, relay.Rule.Counters.SessionsClosed[SessionCloseReason.ClientClosed]);
        Assert.Equal(payloads.Sum(p => (long)p.Length), relay.Rule.Counters.EndedTraffic.BytesToClient);
        Assert.Equal(0, relay.Rule.TcpBuffers.BytesRented);
    }

    [Fact]
    public async Task Relay_PlainClientTlsUpstreamWithoutVerify_EchoesEveryByte()
    {
        using var upstreamFiles = TlsFiles.Create();
        await using var echo = TlsEchoUpstream.Start(upstreamFiles.Certificate.Certificate);
        var upstreamTls = new UpstreamTlsConfig { Enabled = true, Verify = false };
        await using var relay = await NodeFixture.StartAsync(NodeFixture.TcpRule([echo.EndPoint]) with { UpstreamTls = upstreamTls });
        var payload = Payload(200_000, seed: 3);
        using var client = await Sessions.TcpClientPeer.ConnectAsync(relay.Listen);

        var send = Task.Run(async () =>
        {
            await client.SendAsync(payload, SocketFlags.None);
            client.Shutdown(SocketShutdown.Send);
        });
        var echoed = await Sessions.TcpClientPeer.ReadToEndAsync(client, s_timeout);
        await send;

        Assert.Equal(payload, echoed);
        await Eventually.TrueAsync(() => relay.Rule.Counters.SessionsActive == 0, "the session to end");
        Assert.Equal(1, relay.Rule.Counters.SessionsClosed[SessionCloseReason.ClientClosed]);
    }

    [Fact]
    public async Task UpstreamTls_IpAddressUpstreamWithoutServerName_VerifiedAgainstTheCertificatesIpAddress()
    {
        using var upstreamFiles = TlsFiles.Create();
        await using var echo = TlsEchoUpstream.Start(upstreamFiles.Certificate.Certificate);
        var upstreamTls = new UpstreamTlsConfig { Enabled = true, CaCertificates = upstreamFiles.CertificatePath };
        await using var relay = await NodeFixture.StartAsync(NodeFixture.TcpRule([echo.EndPoint]) with { UpstreamTls = upstreamTls });
        using var client = await Sessions.TcpClientPeer.ConnectAsync(relay.Listen);

        await client.SendAsync(new byte[] { 9 }, SocketFlags.None);

        Assert.Equal([9], await Sessions.TcpClientPeer.ReadExactlyAsync(client, 1, s_timeout));
        Assert.Equal(1, echo.Handshakes);
    }

    [Fact]
    public async Task UpstreamTls_CertificateNotTrusted_SessionEndsWithUpstreamTlsFailed()
    {
        using var upstreamFiles = TlsFiles.Create();
        await using var echo = TlsEchoUpstream.Start(upstreamFiles.Certificate.Certificate);
        // verify = true with the system's authorities: a self-signed upstream certificate is not trusted.
        await using var relay = await NodeFixture.StartAsync(NodeFixture.TcpRule([echo.EndPoint]) with { UpstreamTls = new UpstreamTlsConfig { Enabled = true } });
        using var client = await Sessions.TcpClientPeer.ConnectAsync(relay.Listen);

        await Assert.ThrowsAnyAsync<SocketException>(() => Sessions.TcpClientPeer.ReadToEndAsync(client, s_timeout));
        await Eventually.TrueAsync(() => relay.Rule.Counters.SessionsActive == 0, "the session to end");
        Assert.Equal(1, relay.Rule.Counters.SessionsClosed[SessionCloseReason.UpstreamTlsFailed]);
    }

    [Fact]
    public async Task UpstreamTls_ServerNameNotInCertificate_SessionEndsWithUpstreamTlsFailed()
    {
        using var upstreamFiles = TlsFiles.Create();
        await using var echo = TlsEchoUpstream.Start(upstreamFiles.Certificate.Certificate);
        var upstreamTls = new UpstreamTlsConfig { Enabled = true, ServerName = "game.example.com", CaCertificates = upstreamFiles.CertificatePath };
        await using var relay = await NodeFixture.StartAsync(NodeFixture.TcpRule([echo.EndPoint]) with { UpstreamTls = upstreamTls });
        using var client = await Sessions.TcpClientPeer.ConnectAsync(relay.Listen);

        await Assert.ThrowsAnyAsync<SocketException>(() => Sessions.TcpClientPeer.ReadToEndAsync(client, s_timeout));
        await Eventually.TrueAsync(() => relay.Rule.Counters.SessionsActive == 0, "the session to end");
        Assert.Equal(1, relay.Rule.Counters.SessionsClosed[SessionCloseReason.UpstreamTlsFailed]);
    }

    [Fact]
    public async Task Handshake_ClientSendsNothing_ClosedAfterHandshakeTimeoutWithoutUpstreamConnection()
    {
        using var files = TlsFiles.Create();
        await using var echo = TcpEchoUpstream.Start();
        var tls = files.Config with { HandshakeTimeout = TimeSpan.FromMilliseconds(300) };
        await using var relay = await NodeFixture.StartAsync(NodeFixture.TcpRule([echo.EndPoint]) with { Tls = tls });

        using var client = await Sessions.TcpClientPeer.ConnectAsync(relay.Listen);

        await Assert.ThrowsAnyAsync<SocketException>(() => Sessions.TcpClientPeer.ReadToEndAsync(client, s_timeout));
        await Eventually.TrueAsync(() => relay.Rule.Counters.SessionsActive == 0, "the session to end");
        Assert.Equal(1, relay.Rule.Counters.SessionsClosed[SessionCloseReason.ClientTlsFailed]);
        Assert.Equal(0, echo.ConnectionsAccepted);
    }

    [Fact]
    public async Task HalfClose_UpstreamFinishesFirst_TlsClientCanStillSend()
    {
        using var files = TlsFiles.Create();
        using var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        upstream.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        upstream.Listen(1);
        await using var relay = await NodeFixture.StartAsync(NodeFixture.TcpRule([(System.Net.IPEndPoint)upstream.LocalEndPoint!]) with { Tls = files.Config });
        await using var client = await TlsClientPeer.ConnectAsync(relay.Listen, files.Certificate.Thumbprint);
        using var accepted = await upstream.AcceptAsync();

        await accepted.SendAsync("bye"u8.ToArray(), SocketFlags.None);
        accepted.Shutdown(SocketShutdown.Send);
        Assert.Equal("bye"u8.ToArray(), await client.ReadToEndAsync(s_timeout));

        var late = Payload(100_000, seed: 2);
        await client.Stream.WriteAsync(late);
        await client.FinishAsync();

        Assert.Equal(late, await Sessions.TcpClientPeer.ReadToEndAsync(accepted, s_timeout));
        await Eventually.TrueAsync(() => relay.Rule.Counters.SessionsActive == 0, "the session to end");
        Assert.Equal(1, relay.Rule.Counters.SessionsClosed[SessionCloseReason.UpstreamClosed]);
    }

    [Fact]
    public async Task Reset_ByUpstream_PassedOnToTlsClient()
    {
        using var files = TlsFiles.Create();
        await using var echo = TcpEchoUpstream.Start();
        await using var relay = await NodeFixture.StartAsync(NodeFixture.TcpRule([echo.EndPoint]) with { Tls = files.Config });
        await using var client = await TlsClientPeer.ConnectAsync(relay.Listen, files.Certificate.Thumbprint);
        await client.Stream.WriteAsync(new byte[] { 1 });
        Assert.Equal([1], await client.ReadExactlyAsync(1, s_timeout));
        await Eventually.TrueAsync(() => relay.Rule.TcpBuffers.BytesRented == 0, "the idle session to give its buffers back");

        echo.AbortConnections();

        var error = await Assert.ThrowsAsync<IOException>(() => client.ReadToEndAsync(s_timeout));
        Assert.Equal(SocketError.ConnectionReset, Assert.IsType<SocketException>(error.InnerException).SocketErrorCode);
        await Eventually.TrueAsync(() => relay.Rule.Counters.SessionsActive == 0, "the session to end");
        Assert.Equal(1, relay.Rule.Counters.SessionsClosed[SessionCloseReason.UpstreamReset]);
    }

    private static byte[] Payload(int size, int seed)
    {
        var payload = new byte[size];
        new Random(seed).NextBytes(payload);
        return payload;
    }
}
