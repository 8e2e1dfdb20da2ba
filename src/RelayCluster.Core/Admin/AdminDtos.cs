// The records document only the fields whose meaning their name does not carry.
#pragma warning disable CS1573

using System.Text.Json;

namespace RelayCluster.Core.Admin;

/// <summary>The backplane as a node sees it.</summary>
/// <param name="Kind"><c>embedded</c> or <c>akka</c>.</param>
/// <param name="Connected">Whether the node currently reaches the backplane; always true for embedded.</param>
public sealed record BackplaneDto(string Kind, bool Connected);

/// <summary><c>GET /api/node</c>: this node.</summary>
public sealed record NodeStatusDto(
    string Id,
    string AdminUrl,
    IReadOnlyList<string> Roles,
    string Version,
    string Status,
    DateTimeOffset StartedAt,
    double UptimeSeconds,
    bool Ready,
    BackplaneDto Backplane,
    int Rules,
    long Sessions);

/// <summary>One member of the cluster.</summary>
/// <param name="Status">One of <c>joining up leaving exiting down removed</c>.</param>
/// <param name="Reachability"><c>reachable</c> or <c>unreachable</c>.</param>
public sealed record MemberDto(
    string Id, string AdminUrl, IReadOnlyList<string> Roles, string Status, string Reachability, string Version, DateTimeOffset StartedAt);

/// <summary><c>GET /api/cluster</c>: the members as this node sees them.</summary>
public sealed record ClusterDto(string Name, string Self, BackplaneDto Backplane, IReadOnlyList<MemberDto> Members);

/// <summary>One membership change, streamed by <c>GET /api/cluster?watch=true</c>.</summary>
/// <param name="Kind"><c>joined</c>, <c>status</c> (the status changed), <c>unreachable</c>, <c>reachable</c> or <c>removed</c>.</param>
public sealed record MemberEventDto(string Kind, MemberDto Member, DateTimeOffset At);

/// <summary>One rule as stored in the cluster.</summary>
/// <param name="Revision">The rule's version: the Akka backplane's rule writer counter, or the embedded backplane's.</param>
/// <param name="Config">The rule's object, as JSON (the same keys as under <c>relay.rules.NAME</c>).</param>
public sealed record RuleDto(string Name, long Revision, string Protocol, string Listen, IReadOnlyList<string> Upstreams, JsonElement Config);

/// <summary><c>GET /api/rules</c>.</summary>
public sealed record RuleListDto(IReadOnlyList<RuleDto> Rules);

/// <summary>The answer to <c>PUT</c> or <c>DELETE /api/rules/NAME</c>.</summary>
/// <param name="Change"><c>created</c>, <c>updated</c>, <c>unchanged</c> or <c>deleted</c>; with <c>?dry-run=true</c> what would happen.</param>
public sealed record RuleWriteDto(string Name, string Change, long Revision, bool DryRun);

/// <summary>An upstream as one node sees it.</summary>
public sealed record UpstreamNodeDto(string Node, string Health, long Sessions);

/// <summary>One upstream of one rule.</summary>
/// <param name="AdminState"><c>enabled</c>, <c>draining</c> or <c>disabled</c>, cluster-wide.</param>
/// <param name="Health">This node's verdict: <c>unknown</c>, <c>healthy</c> or <c>unhealthy</c>.</param>
/// <param name="Sessions">Live sessions on this node.</param>
/// <param name="ClusterSessions">Live sessions on every reachable member, this node included.</param>
/// <param name="Nodes">Each member's last published view of the upstream.</param>
/// <param name="Players">The players the game server last reported to this node's probe; null when its probe reads none.</param>
/// <param name="MaxPlayers">The most players the game server takes, as it last reported; null when unknown.</param>
public sealed record UpstreamDto(
    string Rule, string Address, int Weight, string AdminState, string Health, long Sessions, long ClusterSessions, IReadOnlyList<UpstreamNodeDto> Nodes,
    int? Players = null, int? MaxPlayers = null);

/// <summary><c>GET /api/upstreams</c>.</summary>
public sealed record UpstreamListDto(IReadOnlyList<UpstreamDto> Upstreams);

/// <summary>The answer to an upstream admin action.</summary>
public sealed record UpstreamActionDto(string Rule, string Address, string AdminState);

/// <summary>One live session on this node.</summary>
public sealed record SessionDto(
    string Rule,
    string Protocol,
    string Client,
    string Upstream,
    DateTimeOffset StartedAt,
    double IdleSeconds,
    long PacketsToUpstream,
    long BytesToUpstream,
    long PacketsToClient,
    long BytesToClient);

/// <summary><c>GET /api/sessions</c>: <paramref name="Total"/> live sessions on this node, per rule, and up to the limit of them listed.</summary>
public sealed record SessionListDto(long Total, IReadOnlyDictionary<string, long> ByRule, IReadOnlyList<SessionDto> Sessions);

/// <summary>A quantity in each direction.</summary>
public sealed record DirectionsDto(double ToUpstream, double ToClient);

/// <summary>One rule's statistics on this node; rates are per second over the last stats interval.</summary>
/// <param name="SessionsPerSecond">New sessions per second (for TCP: connections per second).</param>
/// <param name="ClusterSessions">Live sessions of the rule on every reachable member.</param>
public sealed record RuleStatsDto(
    string Rule,
    string Protocol,
    long Sessions,
    long ClusterSessions,
    long SessionsOpened,
    double SessionsPerSecond,
    DirectionsDto DatagramsPerSecond,
    DirectionsDto BytesPerSecond,
    IReadOnlyDictionary<string, long> Drops,
    IReadOnlyDictionary<string, long> Closed);

/// <summary><c>GET /api/stats</c>.</summary>
public sealed record StatsDto(string Node, DateTimeOffset At, IReadOnlyList<RuleStatsDto> Rules);

/// <summary>An RFC 7807 problem: every error of the admin API.</summary>
/// <param name="Errors">Every config error, as <c>file:line:col: message</c>, when the problem is a bad rule.</param>
public sealed record ProblemDto(string Type, string Title, int Status, string Detail, IReadOnlyList<string>? Errors = null);
