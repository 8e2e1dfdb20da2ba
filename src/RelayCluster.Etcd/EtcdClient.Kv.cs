using RelayCluster.Etcd.Internal;
using RelayCluster.Etcd.Kv;

namespace RelayCluster.Etcd;

public sealed partial class EtcdClient
{
    /// <summary>Reads one key, or with <paramref name="prefix"/> every key starting with <paramref name="key"/>, sorted by key.</summary>
    public async Task<EtcdResult<EtcdRangeResult>> RangeAsync(string key, bool prefix = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var (start, end) = KeyRange.For(key, prefix);
        var request = new RangeRequest { Key = start, RangeEnd = end };
        var result = await _transport.PostAsync("/v3/kv/range", request, EtcdJsonContext.Default.RangeRequest, EtcdJsonContext.Default.RangeResponse, cancellationToken);
        return result.Map(response => new EtcdRangeResult(response.Revision(), Mapping.ToKeyValues(response.Kvs)));
    }

    /// <summary>Writes a key, attached to <paramref name="lease"/> unless it is 0.</summary>
    public async Task<EtcdResult<EtcdPutResult>> PutAsync(string key, ReadOnlyMemory<byte> value, long lease = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var request = new PutRequest { Key = KeyRange.Key(key), Value = value.ToArray(), Lease = lease };
        var result = await _transport.PostAsync("/v3/kv/put", request, EtcdJsonContext.Default.PutRequest, EtcdJsonContext.Default.PutResponse, cancellationToken);
        return result.Map(response => new EtcdPutResult(response.Revision()));
    }

    /// <summary>Writes a key with a UTF-8 string value, attached to <paramref name="lease"/> unless it is 0.</summary>
    public Task<EtcdResult<EtcdPutResult>> PutAsync(string key, string value, long lease = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        return PutAsync(key, System.Text.Encoding.UTF8.GetBytes(value), lease, cancellationToken);
    }

    /// <summary>Deletes one key, or with <paramref name="prefix"/> every key starting with <paramref name="key"/>.</summary>
    public async Task<EtcdResult<EtcdDeleteResult>> DeleteAsync(string key, bool prefix = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var (start, end) = KeyRange.For(key, prefix);
        var request = new DeleteRangeRequest { Key = start, RangeEnd = end };
        var result = await _transport.PostAsync("/v3/kv/deleterange", request, EtcdJsonContext.Default.DeleteRangeRequest, EtcdJsonContext.Default.DeleteRangeResponse, cancellationToken);
        return result.Map(response => new EtcdDeleteResult(response.Revision(), response.Deleted));
    }

    /// <summary>
    /// Compacts the history up to <paramref name="revision"/>: older revisions can no longer be read or watched from.
    /// Returns the store revision.
    /// </summary>
    public async Task<EtcdResult<long>> CompactAsync(long revision, CancellationToken cancellationToken = default)
    {
        var request = new CompactionRequest { Revision = revision };
        var result = await _transport.PostAsync("/v3/kv/compaction", request, EtcdJsonContext.Default.CompactionRequest, EtcdJsonContext.Default.CompactionResponse, cancellationToken);
        return result.Map(response => response.Revision());
    }
}
