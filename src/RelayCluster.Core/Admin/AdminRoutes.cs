namespace RelayCluster.Core.Admin;

/// <summary>The admin HTTP API's routes, shared by the node that serves them and <c>relayctl</c> that calls them.</summary>
public static class AdminRoutes
{
    /// <summary><c>GET</c>: this node (<see cref="NodeStatusDto"/>).</summary>
    public const string Node = "/api/node";

    /// <summary><c>POST</c>: this node leaves the cluster gracefully.</summary>
    public const string NodeLeave = "/api/node/leave";

    /// <summary><c>GET</c>: the members (<see cref="ClusterDto"/>); with <c>?watch=true</c> a stream of <see cref="MemberEventDto"/>, one JSON object per line.</summary>
    public const string Cluster = "/api/cluster";

    /// <summary><c>GET</c>: every rule (<see cref="RuleListDto"/>).</summary>
    public const string Rules = "/api/rules";

    /// <summary><c>GET</c>: every upstream of every rule (<see cref="UpstreamListDto"/>); <c>?rule=NAME</c> narrows it.</summary>
    public const string Upstreams = "/api/upstreams";

    /// <summary><c>GET</c>: live sessions (<see cref="SessionListDto"/>); <c>?rule=NAME&amp;limit=N</c>.</summary>
    public const string Sessions = "/api/sessions";

    /// <summary><c>GET</c>: per-rule statistics (<see cref="StatsDto"/>).</summary>
    public const string Stats = "/api/stats";

    /// <summary><c>GET</c>: the node's actor tree, one <c>/user/...</c> path per entry.</summary>
    public const string Actors = "/api/actors";

    /// <summary><c>GET</c>: Prometheus text exposition.</summary>
    public const string Metrics = "/metrics";

    /// <summary><c>GET</c>: 200 while the process runs.</summary>
    public const string Healthz = "/healthz";

    /// <summary><c>GET</c>: 200 once listeners are bound and rules are loaded, 503 before and while leaving.</summary>
    public const string Readyz = "/readyz";

    /// <summary><c>POST</c>: marks member <paramref name="id"/> down.</summary>
    public static string MemberDown(string id) => $"/api/cluster/members/{Uri.EscapeDataString(id)}/down";

    /// <summary><c>GET</c> (<see cref="RuleDto"/>), <c>PUT</c> (body: the rule object in JSON or HOCON; <c>?dry-run=true</c> only validates;
    /// optional <c>If-Match: "REVISION"</c>), <c>DELETE</c>: one rule.</summary>
    public static string Rule(string name) => $"/api/rules/{Uri.EscapeDataString(name)}";

    /// <summary><c>POST</c>: sets an upstream's admin state cluster-wide; <paramref name="action"/> is drain, enable or disable.</summary>
    public static string UpstreamAction(string rule, string address, string action) =>
        $"/api/rules/{Uri.EscapeDataString(rule)}/upstreams/{Uri.EscapeDataString(address)}/{action}";
}
