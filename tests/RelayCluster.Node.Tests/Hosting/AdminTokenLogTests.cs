using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using RelayCluster.Node.Tests.Sessions;
using RelayCluster.Testing.Upstreams;

namespace RelayCluster.Node.Tests.Hosting;

public partial class AdminTokenLogTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Run_TokenFromEnvironmentAndVerboseLogs_TokenNeverPrinted()
    {
        var token = $"tok-{Guid.NewGuid():N}";
        await using var echo = TcpEchoUpstream.Start();
        var config = await WriteConfigAsync($$"""
            relay {
              node { id = token-test, shutdown-grace = 0s, admin { bind = "127.0.0.1:0", token = ${?RELAY_ADMIN_TOKEN} } }
              rules.web { protocol = tcp, listen = "127.0.0.1:0", upstreams = ["{{echo.EndPoint}}"] }
              log.level = verbose
            }
            """);
        using var node = NodeProcess.Start(config, new Dictionary<string, string> { ["RELAY_ADMIN_TOKEN"] = token });
        var port = int.Parse((await node.WaitForLineAsync(TcpListeningLine(), s_timeout)).Groups[1].Value, CultureInfo.InvariantCulture);
        using (var connection = await Sessions.TcpClientPeer.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port)))
        {
            await connection.SendAsync(new byte[] { 1 });
            Assert.Equal([1], await Sessions.TcpClientPeer.ReadExactlyAsync(connection, 1, s_timeout));
        }

        node.Signal(NodeProcess.SigTerm);

        Assert.Equal(0, await node.WaitForExitAsync(s_timeout));
        Assert.Contains(node.Output, line => line.Contains("token-test", StringComparison.Ordinal));
        Assert.DoesNotContain(node.Output, line => line.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_BadConfigNextToTheToken_ErrorsPrintedWithoutTheToken()
    {
        var token = $"tok-{Guid.NewGuid():N}";
        var config = await WriteConfigAsync($$"""
            relay {
              node { admin { bind = "10.0.0.1:99999", token = "{{token}}", tokn = "x" } }
              rules.web { protocol = tcp, listen = "127.0.0.1:0", upstreams = ["127.0.0.1:1"], balance = fastest }
            }
            """);
        using var node = NodeProcess.Start(config);

        Assert.Equal(1, await node.WaitForExitAsync(s_timeout));
        Assert.Contains(node.Output, line => line.Contains("relay.node.admin.bind", StringComparison.Ordinal));
        Assert.Contains(node.Output, line => line.Contains("relay.node.admin.tokn: unknown key", StringComparison.Ordinal));
        Assert.Contains(node.Output, line => line.Contains("relay.rules.web.balance", StringComparison.Ordinal));
        Assert.DoesNotContain(node.Output, line => line.Contains(token, StringComparison.Ordinal));
    }

    private static async Task<string> WriteConfigAsync(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"relay-test-{Guid.NewGuid():N}.hocon");
        await File.WriteAllTextAsync(path, text);
        return path;
    }

    [GeneratedRegex(@"listening on tcp 127\.0\.0\.1:(\d+)")]
    private static partial Regex TcpListeningLine();
}
