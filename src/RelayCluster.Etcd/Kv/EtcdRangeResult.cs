namespace RelayCluster.Etcd.Kv;

/// <summary>The keys a range read found, sorted by key, and the store revision the read saw.</summary>
/// <param name="Revision">The store revision at the time of the read; watch from <c>Revision + 1</c> to miss nothing after it.</param>
/// <param name="Kvs">The keys found, sorted by key.</param>
public sealed record EtcdRangeResult(long Revision, IReadOnlyList<EtcdKeyValue> Kvs);
