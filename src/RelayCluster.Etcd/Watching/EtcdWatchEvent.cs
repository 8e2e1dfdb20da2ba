using RelayCluster.Etcd.Kv;

namespace RelayCluster.Etcd.Watching;

/// <summary>One change of a watched key.</summary>
/// <param name="Type">Whether the key was put or deleted.</param>
/// <param name="Kv">The key after the change; for a delete only <see cref="EtcdKeyValue.Key"/> and <see cref="EtcdKeyValue.ModRevision"/> (the delete's revision) are set.</param>
/// <param name="PrevKv">The key before the change, or null if it did not exist (or etcd no longer had it).</param>
public sealed record EtcdWatchEvent(EtcdWatchEventType Type, EtcdKeyValue Kv, EtcdKeyValue? PrevKv);
