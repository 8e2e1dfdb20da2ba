namespace RelayCluster.Etcd.Kv;

/// <summary>The outcome of a compare-and-set on one key.</summary>
/// <param name="Succeeded">Whether the key had the expected mod revision and the change was applied.</param>
/// <param name="Revision">The store revision after the transaction; on success, the key's new mod revision.</param>
/// <param name="Current">On a conflict, the key as it is now (null if it does not exist); null on success.</param>
public sealed record EtcdCasResult(bool Succeeded, long Revision, EtcdKeyValue? Current);
