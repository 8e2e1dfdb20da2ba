namespace RelayCluster.Core.Balancing;

/// <summary>Whose sessions count as an upstream's load when a policy compares upstreams (<c>load-scope</c>).</summary>
public enum LoadScope
{
    /// <summary>Only the sessions of this node.</summary>
    Node,

    /// <summary>The sessions of this node plus those the other nodes last published.</summary>
    Cluster,
}
