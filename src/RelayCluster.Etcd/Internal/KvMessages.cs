namespace RelayCluster.Etcd.Internal;

// The gateway's JSON for etcdserverpb: snake_case names, int64 as strings, bytes as base64.

internal sealed class ResponseHeader
{
    public long Revision { get; set; }
}

internal sealed class KeyValueMessage
{
    public byte[]? Key { get; set; }

    public long CreateRevision { get; set; }

    public long ModRevision { get; set; }

    public long Version { get; set; }

    public byte[]? Value { get; set; }

    public long Lease { get; set; }
}

internal sealed class RangeRequest
{
    public byte[]? Key { get; set; }

    public byte[]? RangeEnd { get; set; }

    public bool CountOnly { get; set; }
}

internal sealed class RangeResponse : IEtcdResponse
{
    public ResponseHeader? Header { get; set; }

    public List<KeyValueMessage>? Kvs { get; set; }
}

internal sealed class PutRequest
{
    public byte[]? Key { get; set; }

    public byte[]? Value { get; set; }

    public long Lease { get; set; }
}

internal sealed class PutResponse : IEtcdResponse
{
    public ResponseHeader? Header { get; set; }
}

internal sealed class DeleteRangeRequest
{
    public byte[]? Key { get; set; }

    public byte[]? RangeEnd { get; set; }
}

internal sealed class DeleteRangeResponse : IEtcdResponse
{
    public ResponseHeader? Header { get; set; }

    public long Deleted { get; set; }
}

internal sealed class CompactionRequest
{
    public long Revision { get; set; }
}

internal sealed class CompactionResponse : IEtcdResponse
{
    public ResponseHeader? Header { get; set; }
}
