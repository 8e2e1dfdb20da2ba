namespace RelayCluster.Etcd.Kv;

/// <summary>One operation of a transaction branch: a range read, a put or a delete.</summary>
public sealed class EtcdOperation
{
    private EtcdOperation(EtcdOperationKind kind, string key, bool prefix, ReadOnlyMemory<byte> value, long lease)
    {
        ArgumentNullException.ThrowIfNull(key);
        Kind = kind;
        Key = key;
        Prefix = prefix;
        Value = value;
        Lease = lease;
    }

    /// <summary>What the operation does.</summary>
    public EtcdOperationKind Kind { get; }

    /// <summary>The key, or the prefix when <see cref="Prefix"/> is set.</summary>
    public string Key { get; }

    /// <summary>Whether a range or delete covers every key starting with <see cref="Key"/>.</summary>
    public bool Prefix { get; }

    /// <summary>The value a put writes.</summary>
    public ReadOnlyMemory<byte> Value { get; }

    /// <summary>The lease a put attaches the key to, or 0.</summary>
    public long Lease { get; }

    /// <summary>Reads a key, or every key under a prefix.</summary>
    public static EtcdOperation Range(string key, bool prefix = false) => new(EtcdOperationKind.Range, key, prefix, default, 0);

    /// <summary>Writes a key, attached to <paramref name="lease"/> unless it is 0.</summary>
    public static EtcdOperation Put(string key, ReadOnlyMemory<byte> value, long lease = 0) => new(EtcdOperationKind.Put, key, false, value, lease);

    /// <summary>Deletes a key, or every key under a prefix.</summary>
    public static EtcdOperation Delete(string key, bool prefix = false) => new(EtcdOperationKind.Delete, key, prefix, default, 0);
}
