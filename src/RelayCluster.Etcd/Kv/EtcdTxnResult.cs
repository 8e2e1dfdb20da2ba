namespace RelayCluster.Etcd.Kv;

/// <summary>The outcome of a transaction.</summary>
/// <param name="Succeeded">Whether every compare held, so the success branch ran (else the failure branch ran).</param>
/// <param name="Revision">The store revision after the transaction.</param>
/// <param name="Results">One result per operation of the branch that ran, in order.</param>
public sealed record EtcdTxnResult(bool Succeeded, long Revision, IReadOnlyList<EtcdOperationResult> Results);
