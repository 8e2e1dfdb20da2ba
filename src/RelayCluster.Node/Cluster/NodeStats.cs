namespace RelayCluster.Node.Cluster;

/// <summary>What a node publishes every <c>stats-interval</c>: its live load per rule and upstream.</summary>
/// <param name="Node">The publishing node's id.</param>
/// <param name="At">When it was measured.</param>
/// <param name="Rules">One entry per running rule.</param>
public sealed record NodeStats(string Node, DateTimeOffset At, IReadOnlyList<RuleLoad> Rules);

/// <summary>One rule's load on one node.</summary>
/// <param name="Rule">The rule's name.</param>
/// <param name="Sessions">Live sessions.</param>
/// <param name="DatagramsPerSecond">Datagrams (or, for TCP, reads) per second, both directions together.</param>
/// <param name="BytesPerSecond">Bytes per second, both directions together.</param>
/// <param name="Upstreams">Per upstream: live sessions and the node's health verdict.</param>
public sealed record RuleLoad(string Rule, long Sessions, double DatagramsPerSecond, double BytesPerSecond, IReadOnlyList<UpstreamLoad> Upstreams);

/// <summary>One upstream's load and health on one node.</summary>
/// <param name="Address">The upstream's address as configured.</param>
/// <param name="Sessions">Live sessions of the node on it.</param>
/// <param name="Health">The node's verdict: unknown, healthy or unhealthy.</param>
public sealed record UpstreamLoad(string Address, long Sessions, string Health);
