namespace RelayCluster.Etcd.Internal;

/// <summary>Classifies what the gateway answered into an <see cref="EtcdError"/>.</summary>
internal static class Errors
{
    private const int GrpcDeadlineExceeded = 4;
    private const int GrpcOutOfRange = 11;
    private const int GrpcUnavailable = 14;

    /// <summary>Whether another endpoint, or the same one a moment later, may well succeed.</summary>
    public static bool IsRetryable(EtcdError error) => error.Kind is EtcdErrorKind.Unavailable or EtcdErrorKind.Timeout;

    public static EtcdError FromAnswer(Uri endpoint, string path, int httpStatus, int grpcCode, string message)
    {
        var text = $"etcd at {endpoint} answered {path} with {httpStatus}: {message}";
        if (grpcCode == GrpcOutOfRange || message.Contains("compacted", StringComparison.Ordinal))
        {
            return new EtcdError(EtcdErrorKind.Compacted, text);
        }

        if (message.Contains("lease not found", StringComparison.Ordinal))
        {
            return new EtcdError(EtcdErrorKind.LeaseNotFound, text);
        }

        // 5xx and 429 are etcd saying "not now" (no leader, leader changed, request timed out, too many requests).
        if (httpStatus >= 500 || httpStatus == 429 || grpcCode is GrpcUnavailable or GrpcDeadlineExceeded)
        {
            return new EtcdError(EtcdErrorKind.Unavailable, text);
        }

        return new EtcdError(EtcdErrorKind.Rejected, text);
    }

    public static EtcdError Unreachable(Uri endpoint, string path, Exception exception) =>
        new(EtcdErrorKind.Unavailable, $"etcd at {endpoint} could not be reached for {path}: {exception.Message}");

    public static EtcdError TimedOut(Uri endpoint, string path, TimeSpan timeout) =>
        new(EtcdErrorKind.Timeout, $"etcd at {endpoint} did not answer {path} within {timeout.TotalMilliseconds:0} ms");

    public static EtcdError Unreadable(Uri endpoint, string path, string problem) =>
        new(EtcdErrorKind.Protocol, $"etcd at {endpoint} answered {path} with something unreadable: {problem}");
}
