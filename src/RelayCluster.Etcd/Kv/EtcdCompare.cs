namespace RelayCluster.Etcd.Kv;

/// <summary>One condition of a transaction, e.g. "the mod revision of <c>k</c> equals 7".</summary>
public sealed class EtcdCompare
{
    private EtcdCompare(string key, EtcdCompareTarget target, EtcdCompareOperator op, long number, ReadOnlyMemory<byte> value)
    {
        ArgumentNullException.ThrowIfNull(key);
        Key = key;
        Target = target;
        Operator = op;
        Number = number;
        Value = value;
    }

    /// <summary>The key compared.</summary>
    public string Key { get; }

    /// <summary>Which property of the key is compared.</summary>
    public EtcdCompareTarget Target { get; }

    /// <summary>How the property relates to the operand.</summary>
    public EtcdCompareOperator Operator { get; }

    /// <summary>The operand for every target but <see cref="EtcdCompareTarget.Value"/>.</summary>
    public long Number { get; }

    /// <summary>The operand for <see cref="EtcdCompareTarget.Value"/>.</summary>
    public ReadOnlyMemory<byte> Value { get; }

    /// <summary>Compares the key's mod revision; <c>ModRevision(k, Equal, 0)</c> means "k does not exist".</summary>
    public static EtcdCompare ModRevision(string key, EtcdCompareOperator op, long revision) =>
        new(key, EtcdCompareTarget.ModRevision, op, revision, default);

    /// <summary>Compares the revision that created the key.</summary>
    public static EtcdCompare CreateRevision(string key, EtcdCompareOperator op, long revision) =>
        new(key, EtcdCompareTarget.CreateRevision, op, revision, default);

    /// <summary>Compares the key's version.</summary>
    public static EtcdCompare Version(string key, EtcdCompareOperator op, long version) =>
        new(key, EtcdCompareTarget.Version, op, version, default);

    /// <summary>Compares the lease the key is attached to.</summary>
    public static EtcdCompare Lease(string key, EtcdCompareOperator op, long lease) =>
        new(key, EtcdCompareTarget.Lease, op, lease, default);

    /// <summary>Compares the key's value bytes.</summary>
    public static EtcdCompare ValueBytes(string key, EtcdCompareOperator op, ReadOnlyMemory<byte> value) =>
        new(key, EtcdCompareTarget.Value, op, 0, value);
}
