using System.Text;
using RelayCluster.Etcd.Internal;
using RelayCluster.Etcd.Kv;

namespace RelayCluster.Etcd;

public sealed partial class EtcdClient
{
    /// <summary>
    /// Runs a transaction: if every compare holds, the <paramref name="success"/> operations, otherwise the
    /// <paramref name="failure"/> ones, atomically. A call retried on another endpoint after a timeout may find the
    /// effect of its own first attempt; compare the returned keys when that matters.
    /// </summary>
    public async Task<EtcdResult<EtcdTxnResult>> TxnAsync(
        IReadOnlyList<EtcdCompare> compares,
        IReadOnlyList<EtcdOperation> success,
        IReadOnlyList<EtcdOperation> failure,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(compares);
        ArgumentNullException.ThrowIfNull(success);
        ArgumentNullException.ThrowIfNull(failure);
        var request = new TxnRequest
        {
            Compare = [.. compares.Select(Mapping.ToMessage)],
            Success = [.. success.Select(Mapping.ToMessage)],
            Failure = [.. failure.Select(Mapping.ToMessage)],
        };
        var result = await _transport.PostAsync("/v3/kv/txn", request, EtcdJsonContext.Default.TxnRequest, EtcdJsonContext.Default.TxnResponse, cancellationToken);
        return result.Map(response => new EtcdTxnResult(
            response.Succeeded,
            response.Revision(),
            response.Responses is null ? [] : response.Responses.ConvertAll(Mapping.ToResult)));
    }

    /// <summary>
    /// Writes <paramref name="key"/> only if its mod revision is <paramref name="expectedModRevision"/> (0: only if
    /// the key does not exist). On a conflict nothing is written and the result carries the key as it is now.
    /// </summary>
    public async Task<EtcdResult<EtcdCasResult>> PutIfModRevisionAsync(
        string key,
        ReadOnlyMemory<byte> value,
        long expectedModRevision,
        long lease = 0,
        CancellationToken cancellationToken = default)
    {
        var result = await TxnAsync(
            [EtcdCompare.ModRevision(key, EtcdCompareOperator.Equal, expectedModRevision)],
            [EtcdOperation.Put(key, value, lease)],
            [EtcdOperation.Range(key)],
            cancellationToken);
        return result.Map(ToCasResult);
    }

    /// <summary>Writes a UTF-8 string value only if the key's mod revision is <paramref name="expectedModRevision"/> (0: only if absent).</summary>
    public Task<EtcdResult<EtcdCasResult>> PutIfModRevisionAsync(
        string key,
        string value,
        long expectedModRevision,
        long lease = 0,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        return PutIfModRevisionAsync(key, Encoding.UTF8.GetBytes(value), expectedModRevision, lease, cancellationToken);
    }

    /// <summary>
    /// Deletes <paramref name="key"/> only if its mod revision is <paramref name="expectedModRevision"/>. On a conflict
    /// (including a key that no longer exists) nothing is deleted and the result carries the key as it is now.
    /// </summary>
    public async Task<EtcdResult<EtcdCasResult>> DeleteIfModRevisionAsync(string key, long expectedModRevision, CancellationToken cancellationToken = default)
    {
        var result = await TxnAsync(
            [EtcdCompare.ModRevision(key, EtcdCompareOperator.Equal, expectedModRevision)],
            [EtcdOperation.Delete(key)],
            [EtcdOperation.Range(key)],
            cancellationToken);
        return result.Map(ToCasResult);
    }

    private static EtcdCasResult ToCasResult(EtcdTxnResult txn)
    {
        if (txn.Succeeded)
        {
            return new EtcdCasResult(true, txn.Revision, null);
        }

        var current = txn.Results is [{ Kind: EtcdOperationKind.Range, Kvs: [var kv, ..] }] ? kv : null;
        return new EtcdCasResult(false, txn.Revision, current);
    }
}
