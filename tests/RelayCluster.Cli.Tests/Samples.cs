using System.Text.Json;
using RelayCluster.Core.Admin;

namespace RelayCluster.Cli.Tests;

/// <summary>Admin API bodies as a two-node cluster would answer them.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset Started = new(2026, 11, 22, 5, 0, 0, TimeSpan.Zero);

    public static NodeStatusDto Node => new(
        "node-a", "http://127.0.0.1:9110", ["game", "eu"], "1.0.0", "up", Started, 3723, true, new BackplaneDto("embedded", true), 2, 1234);

    public static MemberDto MemberA => new("node-a", "http://127.0.0.1:9110", ["game", "eu"], "up", "reachable", "1.0.0", Started);

    public static MemberDto MemberB => new("node-b", "http://127.0.0.1:9111", [], "up", "reachable", "1.0.0", Started);

    public static ClusterDto Cluster => new("default", "node-a", new BackplaneDto("embedded", true), [MemberB, MemberA]);

    public static RuleDto Rule(string name, long revision, string config)
    {
        using var document = JsonDocument.Parse(config);
        var root = document.RootElement;
        var upstreams = root.GetProperty("upstreams").EnumerateArray()
            .Select(upstream => upstream.ValueKind == JsonValueKind.String ? upstream.GetString()! : upstream.GetProperty("address").GetString()!)
            .ToList();
        return new RuleDto(name, revision, root.GetProperty("protocol").GetString()!, root.GetProperty("listen").GetString()!, upstreams, root.Clone());
    }

    public static RuleDto GameEu => Rule("game-eu", 12, """
        {"protocol":"udp","listen":"0.0.0.0:27015","upstreams":["10.0.0.11:27015",{"address":"10.0.0.12:27015","weight":3}],"session":{"max":50000}}
        """);

    public static RuleDto Web => Rule("web", 7, """{"protocol":"tcp","listen":"0.0.0.0:8080","upstreams":["10.0.0.21:80"]}""");

    public static UpstreamListDto Upstreams => new(
    [
        new UpstreamDto("game-eu", "10.0.0.11:27015", 1, "enabled", "healthy", 3, 10,
            [new UpstreamNodeDto("node-a", "healthy", 3), new UpstreamNodeDto("node-b", "unhealthy", 7)]),
        new UpstreamDto("game-eu", "10.0.0.12:27015", 3, "draining", "unknown", 0, 2, [new UpstreamNodeDto("node-a", "unknown", 0)]),
    ]);

    public static SessionListDto Sessions => new(
        3,
        new Dictionary<string, long> { ["web"] = 1, ["game-eu"] = 2 },
        [
            new SessionDto("game-eu", "udp", "198.51.100.7:50000", "10.0.0.11:27015", Started, 1.5, 120, 7680, 118, 1_572_864),
            new SessionDto("web", "tcp", "198.51.100.8:40000", "10.0.0.21:80", Started.AddMinutes(-3), 0.25, 4, 2048, 9, 10_240),
        ]);

    public static StatsDto Stats => new("node-a", Started, [
        new RuleStatsDto("web", "tcp", 1, 4, 12, 0.5, new DirectionsDto(3, 9), new DirectionsDto(2048, 10_240),
            new Dictionary<string, long>(), new Dictionary<string, long> { ["client-closed"] = 11 }),
        new RuleStatsDto("game-eu", "udp", 2, 9, 40, 3.5, new DirectionsDto(1200, 1180), new DirectionsDto(76_800, 1_258_291),
            new Dictionary<string, long> { ["truncated"] = 1, ["session-limit"] = 3, ["rate-limited"] = 0 }, new Dictionary<string, long>()),
    ]);
}
