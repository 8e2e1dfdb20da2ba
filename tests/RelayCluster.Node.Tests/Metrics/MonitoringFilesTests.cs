using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using RelayCluster.Node.Tests.Admin;
using RelayCluster.Testing.Upstreams;

namespace RelayCluster.Node.Tests.Metrics;

/// <summary>The alert rules and the Grafana dashboard in deploy/: valid, and about metrics a node really serves.</summary>
public partial class MonitoringFilesTests
{
    private static readonly string s_alerts = Path.Combine(RepositoryRoot(), "deploy", "prometheus", "relay-alerts.yml");
    private static readonly string s_dashboard = Path.Combine(RepositoryRoot(), "deploy", "grafana", "relaycluster-dashboard.json");

    [Fact]
    public async Task AlertRules_PromtoolCheckRules_Succeeds()
    {
        var promtool = FindOnPath("promtool");
        Assert.True(promtool is not null, "promtool is not installed: install Debian's prometheus package (tests/run.sh does).");
        var start = new ProcessStartInfo(promtool, ["check", "rules", s_alerts]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, await output + await error);
        Assert.Contains("SUCCESS", await output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlertRulesAndDashboard_EveryRelayMetric_InTheMetricsOfALiveNode()
    {
        var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(s_dashboard));
        var expressions = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray())
            .Select(target => target.GetProperty("expr").GetString()!)
            .ToList();
        Assert.True(expressions.Count >= 10, "the dashboard has too few queries");
        var alerts = await File.ReadAllTextAsync(s_alerts);
        var served = await ServedSampleNamesAsync();

        var missing = expressions.Append(alerts)
            .SelectMany(text => MetricName().Matches(text).Select(match => match.Value))
            .Distinct()
            .Where(name => !served.Contains(name))
            .ToList();

        Assert.True(missing.Count == 0, "Not served by /metrics: " + string.Join(", ", missing));
        foreach (var alert in new[] { "RelayNodeDown", "RelayUpstreamUnhealthy", "RelayDropsRising", "RelaySessionsNearCap" })
        {
            Assert.Contains($"alert: {alert}", alerts, StringComparison.Ordinal);
        }
    }

    // A node with a probed upstream and an ended session, so every family has samples, histograms included.
    private static async Task<HashSet<string>> ServedSampleNamesAsync()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var node = await HostFixture.StartAsync($$"""
            game {
              protocol = udp, listen = "127.0.0.1:0", upstreams = ["{{echo.EndPoint}}"]
              session { idle-timeout = 200ms }
              health { check = udp-probe, interval = 100ms, timeout = 100ms, udp-probe { send = "ping", expect = "ping" } }
            }
            """);
        var rule = node.Host.Node.Rule("game");
        using var peer = new UdpPeer(rule.Listener.LocalEndPoint);
        Assert.NotNull(await peer.RoundTripAsync([1], TimeSpan.FromSeconds(5)));
        await Eventually.TrueAsync(() => rule.Counters.SessionsClosed.Count == 1, "the idle session to end");

        PrometheusExposition exposition = null!;
        await Eventually.TrueAsync(
            async () =>
            {
                exposition = PrometheusTextChecker.Check(await node.Http.GetStringAsync("/metrics"));
                return exposition.Find("relay_probe_duration_seconds_count").Count > 0;
            },
            "a probe to be recorded");
        return [.. exposition.Samples.Select(sample => sample.Name)];
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RelayCluster.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("RelayCluster.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\brelay_[a-z_]+\b")]
    private static partial Regex MetricName();
}
