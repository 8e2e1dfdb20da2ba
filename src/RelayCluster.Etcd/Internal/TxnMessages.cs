namespace RelayCluster.Etcd.Internal;

internal sealed class TxnRequest
{
    public List<CompareMessage>? Compare { get; set; }

    public List<RequestOpMessage>? Success { get; set; }

    public List<RequestOpMessage>? Failure { get; set; }
}

internal sealed class CompareMessage
{
    public string? Result { get; set; }

    public string? Target { get; set; }

    public byte[]? Key { get; set; }

    // One of these is the operand (a protobuf oneof); nullable so that an operand of 0 is still sent.
    public long? Version { get; set; }

    public long? CreateRevision { get; set; }

    public long? ModRevision { get; set; }

    public byte[]? Value { get; set; }

    public long? Lease { get; set; }
}

internal sealed class RequestOpMessage
{
    public RangeRequest? RequestRange { get; set; }

    public PutRequest? RequestPut { get; set; }

    public DeleteRangeRequest? RequestDeleteRange { get; set; }
}

internal sealed class TxnResponse : IEtcdResponse
{
    public ResponseHeader? Header { get; set; }

    public bool Succeeded { get; set; }

    public List<ResponseOpMessage>? Responses { get; set; }
}

internal sealed class ResponseOpMessage
{
    public RangeResponse? ResponseRange { get; set; }

    public PutResponse? ResponsePut { get; set; }

    public DeleteRangeResponse? ResponseDeleteRange { get; set; }
}
