namespace RelayCluster.Node.Cluster.Etcd;

/// <summary>
/// The cluster's keyspace under <c>&lt;prefix&gt;/&lt;cluster-name&gt;/</c>: <c>members/&lt;node-id&gt;</c> and
/// <c>stats/&lt;node-id&gt;</c> on each node's lease, <c>rules/&lt;name&gt;</c>, <c>upstream-state/&lt;rule&gt;/&lt;address&gt;</c>,
/// and <c>seeded</c>, written once by the node that seeded the rules.
/// </summary>
internal sealed class EtcdKeys(string prefix, string cluster)
{
    public string Root { get; } = $"{prefix.TrimEnd('/')}/{cluster}/";

    public string Seeded => Root + "seeded";

    public string Members => Root + "members/";

    public string Rules => Root + "rules/";

    public string Stats => Root + "stats/";

    public string UpstreamStates => Root + "upstream-state/";

    public string Member(string id) => Members + id;

    public string Rule(string name) => Rules + name;

    public string NodeStats(string id) => Stats + id;

    public string UpstreamState(string rule, string address) => $"{UpstreamStates}{rule}/{address}";

    public string UpstreamStatesOf(string rule) => $"{UpstreamStates}{rule}/";
}
