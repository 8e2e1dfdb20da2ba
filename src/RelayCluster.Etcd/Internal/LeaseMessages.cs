using System.Text.Json.Serialization;

namespace RelayCluster.Etcd.Internal;

internal sealed class LeaseGrantRequest
{
    [JsonPropertyName("TTL")]
    public long Ttl { get; set; }
}

internal sealed class LeaseGrantResponse : IEtcdResponse
{
    public ResponseHeader? Header { get; set; }

    [JsonPropertyName("ID")]
    public long Id { get; set; }

    [JsonPropertyName("TTL")]
    public long Ttl { get; set; }

    public string? Error { get; set; }
}

internal sealed class LeaseIdRequest
{
    [JsonPropertyName("ID")]
    public long Id { get; set; }
}

internal sealed class LeaseKeepAliveResponse
{
    public ResponseHeader? Header { get; set; }

    [JsonPropertyName("ID")]
    public long Id { get; set; }

    [JsonPropertyName("TTL")]
    public long Ttl { get; set; }
}

internal sealed class LeaseKeepAliveStreamMessage
{
    public LeaseKeepAliveResponse? Result { get; set; }

    public StreamError? Error { get; set; }
}

internal sealed class LeaseRevokeResponse : IEtcdResponse
{
    public ResponseHeader? Header { get; set; }
}
