namespace RelayCluster.Node.Affinity;

/// <summary>The cluster's shared client-to-upstream entries as this node last received them; read from any thread.</summary>
public interface IAffinitySource
{
    /// <summary>How many entries this node holds, expired ones not yet pruned included.</summary>
    int Count { get; }

    /// <summary>The upstream address and expiry of <paramref name="key"/> (<c>rule/client-ip:port</c>), if an entry exists.</summary>
    bool TryFind(string key, out string upstream, out DateTimeOffset expires);
}
