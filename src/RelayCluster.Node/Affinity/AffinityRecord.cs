namespace RelayCluster.Node.Affinity;

/// <summary>One client's upstream on its way to the cluster: <paramref name="Key"/> is <c>rule/client-ip:port</c>.</summary>
/// <param name="Key">The rule and client, as <see cref="AffinityTable.Key"/> makes it.</param>
/// <param name="Upstream">The upstream's configured address.</param>
/// <param name="Expires">When the entry lapses unless refreshed: the session's last traffic plus its idle timeout.</param>
public readonly record struct AffinityRecord(string Key, string Upstream, DateTimeOffset Expires);
