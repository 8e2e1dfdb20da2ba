using System.Text.Json;

namespace RelayCluster.Cli.Tests.Config;

public sealed class ConfigCheckCommandTests : IDisposable
{
    private const string TwoRules = """
        relay.rules {
          game { protocol = udp, listen = "0.0.0.0:27015", upstreams = ["10.0.0.11:27015"] }
          web { protocol = tcp, listen = "0.0.0.0:8443", upstreams = ["web-1.internal:8443"] }
        }
        """;

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Check_ValidConfig_PrintsSummaryAndExitsZero()
    {
        var file = _files.Write("relay.hocon", TwoRules);

        var (exitCode, output, _) = await CliRun.RunAsync(["config", "check", file]);

        Assert.Equal(0, exitCode);
        Assert.Equal("ok: 2 rules (1 udp, 1 tcp), backplane embedded, admin 127.0.0.1:9110", output.Trim());
    }

    [Fact]
    public async Task Check_Mistakes_PrintsEachWithPositionAndExitsOne()
    {
        var file = _files.Write("relay.hocon", """
            relay {
              node { shutdown-grace = soon }
              rules.game { protocol = udp, listen = "0.0.0.0:27015", upstreams = ["10.0.0.11:27015"], balance = fastest }
            }
            """);

        var (exitCode, output, error) = await CliRun.RunAsync(["config", "check", file]);

        Assert.Equal(1, exitCode);
        var lines = output.Trim().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"{file}:2:27: relay.node.shutdown-grace: expected a duration", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"{file}:3:101: relay.rules.game.balance: unknown balancing policy 'fastest'", lines[1], StringComparison.Ordinal);
        Assert.Equal("2 errors", error.Trim());
    }

    [Fact]
    public async Task Check_BadAffinity_PrintsItWithPositionAndExitsOne()
    {
        var file = _files.Write("relay.hocon", """
            relay.rules {
              game { protocol = udp, listen = "0.0.0.0:27015", upstreams = ["10.0.0.11:27015"], session.affinity = sticky }
              web { protocol = tcp, listen = "0.0.0.0:8443", upstreams = ["10.0.0.12:8443"], session.affinity = cluster }
            }
            """);

        var (exitCode, output, _) = await CliRun.RunAsync(["config", "check", file]);

        Assert.Equal(1, exitCode);
        var lines = output.Trim().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"{file}:2:104: relay.rules.game.session.affinity: unknown value 'sticky'; allowed: cluster, node", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"{file}:3:101: relay.rules.web.session.affinity: cluster affinity keeps a udp client's upstream on another node", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_Overlay_IsMergedOverTheFile()
    {
        var file = _files.Write("relay.hocon", TwoRules);
        var overlay = _files.Write("prod.hocon", "relay.rules.web.protocol = udp");

        var (exitCode, output, _) = await CliRun.RunAsync(["config", "check", file, "--config", overlay]);

        Assert.Equal(0, exitCode);
        Assert.StartsWith("ok: 2 rules (2 udp)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_Json_WritesErrorsAsObjects()
    {
        var file = _files.Write("relay.hocon", "relay.log.level = loud");

        var (exitCode, output, _) = await CliRun.RunAsync(["--json", "config", "check", file]);

        Assert.Equal(1, exitCode);
        using var document = JsonDocument.Parse(output);
        Assert.False(document.RootElement.GetProperty("valid").GetBoolean());
        var error = Assert.Single(document.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal((1, 19), (error.GetProperty("line").GetInt32(), error.GetProperty("column").GetInt32()));
        Assert.StartsWith("relay.log.level: unknown value 'loud'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_MissingFile_ExitsOne()
    {
        var (exitCode, output, _) = await CliRun.RunAsync(["config", "check", "no-such-file.hocon"]);

        Assert.Equal(1, exitCode);
        Assert.Contains("no-such-file.hocon: file not found", output, StringComparison.Ordinal);
    }
}
