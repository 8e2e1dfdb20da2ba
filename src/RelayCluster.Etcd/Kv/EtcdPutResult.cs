namespace RelayCluster.Etcd.Kv;

/// <summary>The outcome of a put.</summary>
/// <param name="Revision">The store revision after the put, which is the key's new mod revision.</param>
public sealed record EtcdPutResult(long Revision);
