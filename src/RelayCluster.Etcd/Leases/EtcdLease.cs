namespace RelayCluster.Etcd.Leases;

/// <summary>A granted lease: keys attached to it are deleted when it expires or is revoked.</summary>
/// <param name="Id">The lease id, to attach keys and keep the lease alive.</param>
/// <param name="Ttl">The time to live etcd granted (whole seconds, at least the server's minimum).</param>
public sealed record EtcdLease(long Id, TimeSpan Ttl);
