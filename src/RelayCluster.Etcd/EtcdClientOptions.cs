namespace RelayCluster.Etcd;

/// <summary>Where an <see cref="EtcdClient"/> finds etcd and how long it waits for it.</summary>
public sealed class EtcdClientOptions
{
    /// <summary>The client URLs of the etcd members, e.g. <c>http://127.0.0.1:2379</c>; tried in order, the last good one first.</summary>
    public IReadOnlyList<Uri> Endpoints { get; init; } = [];

    /// <summary>How long one call may take over all its attempts and endpoints (2 s by default).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long opening a connection to one endpoint may take before the next one is tried (1 s by default).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(1);
}
