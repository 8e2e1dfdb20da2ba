namespace RelayCluster.Etcd.Kv;

/// <summary>What one operation of the executed transaction branch returned.</summary>
/// <param name="Kind">The kind of the operation.</param>
/// <param name="Kvs">For a range, the keys found; empty otherwise.</param>
/// <param name="Deleted">For a delete, how many keys were deleted; 0 otherwise.</param>
public sealed record EtcdOperationResult(EtcdOperationKind Kind, IReadOnlyList<EtcdKeyValue> Kvs, long Deleted);
