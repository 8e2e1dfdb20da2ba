using System.Text;

namespace RelayCluster.Etcd.Kv;

/// <summary>A key as etcd stores it: its value and the revisions that tell its history.</summary>
public sealed class EtcdKeyValue
{
    /// <summary>The key (UTF-8 in etcd).</summary>
    public required string Key { get; init; }

    /// <summary>The value bytes; empty for a deleted key in a watch event.</summary>
    public ReadOnlyMemory<byte> Value { get; init; }

    /// <summary>The value decoded as UTF-8.</summary>
    public string ValueString => Encoding.UTF8.GetString(Value.Span);

    /// <summary>The revision of the put that created the key (0 for a deleted key).</summary>
    public long CreateRevision { get; init; }

    /// <summary>The revision of the last change of the key; for a delete event, the revision of the delete.</summary>
    public long ModRevision { get; init; }

    /// <summary>How many times the key was put since it was created (0 for a deleted key).</summary>
    public long Version { get; init; }

    /// <summary>The lease the key is attached to, or 0.</summary>
    public long Lease { get; init; }

    /// <summary>Formats the key, its mod revision and its value.</summary>
    public override string ToString() => $"{Key}@{ModRevision}={ValueString}";
}
