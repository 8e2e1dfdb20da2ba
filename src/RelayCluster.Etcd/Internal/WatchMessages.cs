namespace RelayCluster.Etcd.Internal;

internal sealed class WatchRequest
{
    public WatchCreateRequest? CreateRequest { get; set; }
}

internal sealed class WatchCreateRequest
{
    public byte[]? Key { get; set; }

    public byte[]? RangeEnd { get; set; }

    public long StartRevision { get; set; }

    public bool PrevKv { get; set; }
}

internal sealed class WatchStreamMessage
{
    public WatchResponse? Result { get; set; }

    public StreamError? Error { get; set; }
}

internal sealed class WatchResponse : IEtcdResponse
{
    public ResponseHeader? Header { get; set; }

    public bool Created { get; set; }

    public bool Canceled { get; set; }

    public long CompactRevision { get; set; }

    public string? CancelReason { get; set; }

    public List<EventMessage>? Events { get; set; }
}

internal sealed class EventMessage
{
    // Absent for PUT, the enum's zero value.
    public string? Type { get; set; }

    public KeyValueMessage? Kv { get; set; }

    public KeyValueMessage? PrevKv { get; set; }
}
