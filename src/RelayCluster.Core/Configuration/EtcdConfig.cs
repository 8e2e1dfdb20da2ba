namespace RelayCluster.Core.Configuration;

/// <summary>The etcd backplane (<c>relay.cluster.etcd</c>).</summary>
public sealed record EtcdConfig
{
    /// <summary>The default <see cref="Prefix"/>: <c>/relay-cluster</c>.</summary>
    public const string DefaultPrefix = "/relay-cluster";

    /// <summary>The default <see cref="Endpoints"/>: <c>http://127.0.0.1:2379</c>.</summary>
    public static readonly IReadOnlyList<Uri> DefaultEndpoints = [new Uri("http://127.0.0.1:2379")];

    /// <summary>The etcd members' client URLs, http or https (<c>endpoints</c>); default <c>["http://127.0.0.1:2379"]</c>.</summary>
    public IReadOnlyList<Uri> Endpoints { get; init; } = DefaultEndpoints;

    /// <summary>The key prefix under which clusters keep their state (<c>prefix</c>); default <c>/relay-cluster</c>.</summary>
    public string Prefix { get; init; } = DefaultPrefix;

    /// <summary>Whether both have the same endpoints in the same order and the same prefix.</summary>
    public bool Equals(EtcdConfig? other) =>
        other is not null && Sequences.Equal(Endpoints, other.Endpoints) && string.Equals(Prefix, other.Prefix, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Sequences.Hash(Endpoints), Prefix);
}
