namespace RelayCluster.Etcd.Internal;

/// <summary>The body of a non-2xx answer: <c>{"error": "...", "message": "...", "code": 5}</c>.</summary>
internal sealed class GatewayError
{
    public string? Error { get; set; }

    public string? Message { get; set; }

    public int Code { get; set; }
}

/// <summary>An error inside a stream: <c>{"error": {"grpc_code": 14, "http_code": 503, "message": "..."}}</c>.</summary>
internal sealed class StreamError
{
    public int GrpcCode { get; set; }

    public int HttpCode { get; set; }

    public string? Message { get; set; }
}

/// <summary>The body of a stream that failed before its first message: <c>{"error": {...}}</c>.</summary>
internal sealed class StreamErrorMessage
{
    public StreamError? Error { get; set; }
}
