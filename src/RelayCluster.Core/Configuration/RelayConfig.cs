namespace RelayCluster.Core.Configuration;

/// <summary>The whole <c>relay { }</c> section of a node's configuration, validated and immutable.</summary>
public sealed record RelayConfig
{
    /// <summary>This node: its id, roles, admin API and shutdown (<c>relay.node</c>).</summary>
    public NodeConfig Node { get; init; } = new();

    /// <summary>The cluster this node joins and its backplane (<c>relay.cluster</c>).</summary>
    public ClusterConfig Cluster { get; init; } = new();

    /// <summary>The rules in the order their names were first written (<c>relay.rules</c>); empty by default.</summary>
    public IReadOnlyList<RuleConfig> Rules { get; init; } = [];

    /// <summary>Logging (<c>relay.log</c>).</summary>
    public LogConfig Log { get; init; } = new();

    /// <summary>The top-level <c>akka { }</c> object as JSON, applied over the Akka settings <c>relay.cluster</c> derives; null when not written.</summary>
    public string? AkkaOverrides { get; init; }

    /// <summary>Metrics export (<c>relay.metrics</c>).</summary>
    public MetricsConfig Metrics { get; init; } = new();

    /// <summary>Whether both configs are the same, comparing rules element by element.</summary>
    public bool Equals(RelayConfig? other) =>
        other is not null && Node == other.Node && Cluster == other.Cluster && Sequences.Equal(Rules, other.Rules) && Log == other.Log && Metrics == other.Metrics
        && AkkaOverrides == other.AkkaOverrides;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Node, Cluster, Sequences.Hash(Rules), Log, Metrics);

    /// <summary>The rule named <paramref name="name"/>, or null.</summary>
    public RuleConfig? FindRule(string name) => Rules.FirstOrDefault(rule => string.Equals(rule.Name, name, StringComparison.Ordinal));
}
