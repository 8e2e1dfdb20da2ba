using System.Text.Json;
using RelayCluster.Core.Admin;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Cluster;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Admin;

/// <summary>Turns the node's and the cluster's live state into the admin API's bodies.</summary>
internal static class AdminViews
{
    public static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static BackplaneDto Backplane(ClusterCoordinator cluster) => new(cluster.Backplane.Kind, cluster.Backplane.View.Connected);

    public static NodeStatusDto Node(ClusterCoordinator cluster)
    {
        var self = cluster.Self;
        return new NodeStatusDto(
            self.Id, self.AdminUrl, self.Roles, self.Version, Name(cluster.Status), self.StartedAt,
            Math.Round((DateTimeOffset.UtcNow - self.StartedAt).TotalSeconds, 3), cluster.Ready, Backplane(cluster),
            cluster.Node.Rules.Count, cluster.Node.ActiveSessions);
    }

    public static MemberDto Member(Member member) => new(
        member.Id, member.AdminUrl, member.Roles, Name(member.Status), member.Reachable ? "reachable" : "unreachable", member.Version, member.StartedAt);

    public static ClusterDto Cluster(ClusterCoordinator cluster) => new(
        cluster.Node.Config.Cluster.Name,
        cluster.Self.Id,
        Backplane(cluster),
        cluster.Backplane.View.Members.OrderBy(member => member.Id, StringComparer.Ordinal).Select(Member).ToList());

    public static MemberEventDto Event(MemberEvent change) => new(change.Kind, Member(change.Member), change.At);

    public static RuleDto Rule(StoredRule rule)
    {
        using var document = JsonDocument.Parse(rule.Json);
        var config = document.RootElement.Clone();
        var protocol = config.TryGetProperty("protocol", out var p) ? p.ToString() : "";
        var listen = config.TryGetProperty("listen", out var l) ? l.ToString() : "";
        var upstreams = new List<string>();
        if (config.TryGetProperty("upstreams", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var upstream in list.EnumerateArray())
            {
                upstreams.Add(upstream.ValueKind == JsonValueKind.Object && upstream.TryGetProperty("address", out var a) ? a.ToString() : upstream.ToString());
            }
        }

        return new RuleDto(rule.Name, rule.Revision, protocol, listen, upstreams, config);
    }

    public static UpstreamListDto Upstreams(ClusterCoordinator cluster, string? ruleName)
    {
        var view = cluster.Backplane.View;
        var upstreams = new List<UpstreamDto>();
        foreach (var rule in cluster.Node.Rules.Where(rule => ruleName is null || rule.Name == ruleName).OrderBy(rule => rule.Name, StringComparer.Ordinal))
        {
            foreach (var upstream in rule.Upstreams)
            {
                var nodes = view.Stats.Values
                    .OrderBy(stats => stats.Node, StringComparer.Ordinal)
                    .SelectMany(stats => stats.Rules
                        .Where(load => load.Rule == rule.Name)
                        .SelectMany(load => load.Upstreams)
                        .Where(load => string.Equals(load.Address, upstream.Address, StringComparison.OrdinalIgnoreCase))
                        .Select(load => new UpstreamNodeDto(stats.Node, load.Health, load.Sessions)))
                    .ToList();
                var capacity = upstream.Capacity;
                upstreams.Add(new UpstreamDto(
                    rule.Name, upstream.Address, upstream.Weight, Name(upstream.AdminState), Name(upstream.Health),
                    upstream.ActiveSessions, upstream.ActiveSessions + upstream.ClusterSessions, nodes, capacity?.Players, capacity?.MaxPlayers));
            }
        }

        return new UpstreamListDto(upstreams);
    }

    public static SessionListDto Sessions(ClusterCoordinator cluster, string? ruleName, int limit)
    {
        var byRule = new Dictionary<string, long>(StringComparer.Ordinal);
        var sessions = new List<SessionDto>();
        var now = Environment.TickCount64;
        foreach (var rule in cluster.Node.Rules.Where(rule => ruleName is null || rule.Name == ruleName))
        {
            var live = rule.Sessions.Where(session => !session.IsClosed).ToList();
            byRule[rule.Name] = live.Count;
            foreach (var session in live.OrderBy(session => session.StartedAt).Take(limit - sessions.Count))
            {
                var traffic = session.Traffic;
                sessions.Add(new SessionDto(
                    rule.Name, Name(rule.Config.Protocol), session.Client.ToString(), session.Upstream?.Address ?? "",
                    session.StartedAt, Math.Max(0, now - session.LastActivity) / 1000.0,
                    traffic.PacketsToUpstream, traffic.BytesToUpstream, traffic.PacketsToClient, traffic.BytesToClient));
            }
        }

        return new SessionListDto(byRule.Values.Sum(), byRule, sessions);
    }

    public static StatsDto Stats(ClusterCoordinator cluster)
    {
        var rules = new List<RuleStatsDto>();
        foreach (var rule in cluster.Node.Rules.OrderBy(rule => rule.Name, StringComparer.Ordinal))
        {
            var rates = cluster.Load.Rates.GetValueOrDefault(rule.Name) ?? RuleRates.Zero;
            var drops = Enum.GetValues<DropReason>()
                .Where(reason => rule.Counters.Drops(reason) > 0)
                .ToDictionary(DropReasons.Name, rule.Counters.Drops);
            var closed = rule.Counters.SessionsClosed.ToDictionary(pair => Name(pair.Key), pair => pair.Value);
            var sessions = rule.Counters.SessionsActive;
            rules.Add(new RuleStatsDto(
                rule.Name, Name(rule.Config.Protocol), sessions, sessions + rule.Upstreams.Sum(upstream => upstream.ClusterSessions),
                rule.Counters.SessionsOpened, Math.Round(rates.SessionsPerSecond, 2),
                new DirectionsDto(Math.Round(rates.DatagramsToUpstream, 2), Math.Round(rates.DatagramsToClient, 2)),
                new DirectionsDto(Math.Round(rates.BytesToUpstream, 2), Math.Round(rates.BytesToClient, 2)),
                drops, closed));
        }

        return new StatsDto(cluster.Self.Id, DateTimeOffset.UtcNow, rules);
    }

    public static string Name(RuleProtocol protocol) => protocol == RuleProtocol.Udp ? "udp" : "tcp";
}
