using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using RelayCluster.Testing;
using RelayCluster.Testing.Upstreams;

namespace RelayCluster.Node.Tests.Hosting;

public partial class NodeLoggingProcessTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public Task JsonFormat_NodeRunsAndLeaves_EveryStdoutLineIsAJsonObjectAkkaLinesIncluded_AndTheFileGetsThemToo() =>
        RunAndLeaveAsync("embedded", cluster: "");

    [Fact]
    public Task JsonFormat_AkkaBackplane_TheClusterSystemsLinesAreJsonObjectsToo()
    {
        var port = FreePorts.Next();
        return RunAndLeaveAsync("akka", $$"""
            cluster {
              backplane = akka
              akka { bind = "127.0.0.1:{{port}}", seed-nodes = ["127.0.0.1:{{port}}"], state-dir = "state" }
            }
            """);
    }

    private static async Task RunAndLeaveAsync(string backplane, string cluster)
    {
        await using var echo = UdpEchoUpstream.Start();
        var directory = Directory.CreateTempSubdirectory("relay-log-test-");
        var config = Path.Combine(directory.FullName, "relay.hocon");
        await File.WriteAllTextAsync(config, $$"""
            relay {
              node { id = json-test, shutdown-grace = 200ms, admin { bind = "127.0.0.1:0" } }
              rules.game { protocol = udp, listen = "127.0.0.1:0", upstreams = ["{{echo.EndPoint}}"] }
              log { level = Debug, format = json, file = "node.log" }
              {{cluster}}
            }
            """);
        try
        {
            using var node = NodeProcess.Start(config);
            var port = int.Parse((await node.WaitForLineAsync(ListeningLine(), s_timeout)).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            using var peer = new UdpPeer(new IPEndPoint(IPAddress.Loopback, port));
            Assert.NotNull(await peer.RoundTripAsync([1], s_timeout));
            node.Signal(NodeProcess.SigTerm);
            Assert.Equal(0, await node.WaitForExitAsync(s_timeout));

            var lines = node.StandardOutput.ToList();
            Assert.NotEmpty(lines);
            var events = lines.Select(line => ParseObject(line)).ToList();
            Assert.Contains(events, e => e.TryGetProperty("ActorPath", out _));
            Assert.Contains(events, e => e.TryGetProperty("SourceContext", out var source) && source.GetString() == "RelayCluster.Node.Listeners.UdpListener");
            if (backplane == "akka")
            {
                Assert.Contains(events, e => e.TryGetProperty("ActorPath", out var path) && path.GetString()!.Contains("/system/cluster", StringComparison.Ordinal));
            }

            var fileLines = await File.ReadAllLinesAsync(Path.Combine(directory.FullName, "node.log"));
            Assert.Equal(lines.Count, fileLines.Length);
            Assert.All(fileLines, line => ParseObject(line));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static JsonElement ParseObject(string line)
    {
        using var document = JsonDocument.Parse(line);
        Assert.True(document.RootElement.ValueKind == JsonValueKind.Object, $"not a JSON object: {line}");
        return document.RootElement.Clone();
    }

    [GeneratedRegex(@"listening on udp \\?""?127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningLine();
}
