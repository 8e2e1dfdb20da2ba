using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using RelayCluster.Testing.Upstreams;

namespace RelayCluster.Node.Tests.Hosting;

public partial class NodeProcessTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Sigterm_WithLiveUdpAndTcpSessions_DrainsForGraceThenExitsZero()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var tcpEcho = TcpEchoUpstream.Start();
        var config = await WriteConfigAsync($$"""
            relay {
              node { id = drain-test, shutdown-grace = 1500ms, admin { bind = "127.0.0.1:0" } }
              rules {
                game { protocol = udp, listen = "127.0.0.1:0", upstreams = ["{{echo.EndPoint}}"] }
                web { protocol = tcp, listen = "127.0.0.1:0", upstreams = ["{{tcpEcho.EndPoint}}"] }
              }
            }
            """);
        using var node = NodeProcess.Start(config);
        var port = int.Parse((await node.WaitForLineAsync(ListeningLine(), s_timeout)).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var tcpPort = int.Parse((await node.WaitForLineAsync(TcpListeningLine(), s_timeout)).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        using var peer = new UdpPeer(new IPEndPoint(IPAddress.Loopback, port));
        Assert.NotNull(await peer.RoundTripAsync([1], s_timeout));
        using var connection = await Sessions.TcpClientPeer.ConnectAsync(new IPEndPoint(IPAddress.Loopback, tcpPort));
        await connection.SendAsync(new byte[] { 1 });
        Assert.Equal([1], await Sessions.TcpClientPeer.ReadExactlyAsync(connection, 1, s_timeout));

        var stopwatch = Stopwatch.StartNew();
        node.Signal(NodeProcess.SigTerm);
        await node.WaitForLineAsync(DrainingLine(), s_timeout);
        Assert.Equal([2], await peer.RoundTripAsync([2], s_timeout));
        await connection.SendAsync(new byte[] { 2 });
        Assert.Equal([2], await Sessions.TcpClientPeer.ReadExactlyAsync(connection, 1, s_timeout));

        var exitCode = await node.WaitForExitAsync(s_timeout);
        Assert.Equal(0, exitCode);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(1400), $"the node left after {stopwatch.Elapsed}, before its grace period");
        Assert.Contains(node.Output, line => line.Contains("Drained: 2 sessions", StringComparison.Ordinal));
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => Sessions.TcpClientPeer.ReadToEndAsync(connection, s_timeout));
    }

    [Fact]
    public async Task Start_BadConfig_PrintsEveryErrorWithPositionAndExitsOne()
    {
        var config = await WriteConfigAsync("""
            relay {
              node { idd = x }
              rules { game { protocol = udp, listen = "127.0.0.1:99999", upstreams = ["127.0.0.1:1"], balance = fastest } }
            }
            """);
        using var node = NodeProcess.Start(config);

        var exitCode = await node.WaitForExitAsync(s_timeout);

        Assert.Equal(1, exitCode);
        Assert.Contains(node.Output, line => line.StartsWith($"{config}:2:10:", StringComparison.Ordinal));
        Assert.Contains(node.Output, line => line.StartsWith($"{config}:3:", StringComparison.Ordinal) && line.Contains("listen", StringComparison.Ordinal));
        Assert.Contains(node.Output, line => line.StartsWith($"{config}:3:", StringComparison.Ordinal) && line.Contains("fastest", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Version_PrintsVersionAndExitsZero()
    {
        using var node = NodeProcess.Start(null, "--version");
        Assert.Equal(0, await node.WaitForExitAsync(s_timeout));
        Assert.Matches(@"^relay-node \d+\.\d+\.\d+", node.Output.First());
    }

    private static async Task<string> WriteConfigAsync(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"relay-test-{Guid.NewGuid():N}.hocon");
        await File.WriteAllTextAsync(path, text);
        return path;
    }

    [GeneratedRegex(@"listening on udp 127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningLine();

    [GeneratedRegex(@"listening on tcp 127\.0\.0\.1:(\d+)")]
    private static partial Regex TcpListeningLine();

    [GeneratedRegex("Draining")]
    private static partial Regex DrainingLine();
}
