namespace RelayCluster.Node.Cluster;

/// <summary>Everything a node knows of the cluster at one moment; immutable, replaced as a whole on each change.</summary>
/// <param name="Connected">Whether the node reaches the backplane now.</param>
/// <param name="Members">Every known member, this node included.</param>
/// <param name="Rules">The cluster's rules by name.</param>
/// <param name="UpstreamStates">Upstreams an operator drained or disabled; absent ones are enabled.</param>
/// <param name="Stats">The last published load of every member, this node included, by node id.</param>
public sealed record ClusterView(
    bool Connected,
    IReadOnlyList<Member> Members,
    IReadOnlyDictionary<string, StoredRule> Rules,
    IReadOnlyList<UpstreamAdminEntry> UpstreamStates,
    IReadOnlyDictionary<string, NodeStats> Stats)
{
    /// <summary>A view with nothing in it yet.</summary>
    public static ClusterView Empty { get; } = new(false, [], new Dictionary<string, StoredRule>(), [], new Dictionary<string, NodeStats>());
}
