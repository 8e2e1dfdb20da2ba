using RelayCluster.Core.Upstreams;

namespace RelayCluster.Node.Cluster;

/// <summary>An operator's drain or disable of one upstream of one rule, shared by every node.</summary>
public sealed record UpstreamAdminEntry(string Rule, string Address, UpstreamAdminState State);
