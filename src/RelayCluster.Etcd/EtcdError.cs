namespace RelayCluster.Etcd;

/// <summary>A failed etcd call: what kind of failure and a message naming the endpoint and the cause.</summary>
/// <param name="Kind">Why the call failed.</param>
/// <param name="Message">A message for logs, naming the endpoint, the request and the cause.</param>
public sealed record EtcdError(EtcdErrorKind Kind, string Message)
{
    /// <summary>Formats the error as <c>kind: message</c>.</summary>
    public override string ToString() => $"{Kind}: {Message}";
}
