namespace RelayCluster.Etcd.Watching;

/// <summary>
/// Changes a watch delivered together, in revision order; or, when <see cref="Compacted"/> is set, notice that etcd
/// compacted away revisions the watch had not seen yet, so the caller must read the keys again.
/// </summary>
/// <param name="Revision">The store revision when etcd sent the batch; for a compacted batch, the revision the watch continues after.</param>
/// <param name="Events">The changes, in revision order; empty for a compacted batch.</param>
/// <param name="Compacted">Whether changes were lost to compaction: re-read the prefix (at or after <paramref name="Revision"/>) and keep consuming.</param>
/// <param name="CompactRevision">For a compacted batch, the oldest revision etcd still has; otherwise 0.</param>
public sealed record EtcdWatchBatch(long Revision, IReadOnlyList<EtcdWatchEvent> Events, bool Compacted = false, long CompactRevision = 0);
