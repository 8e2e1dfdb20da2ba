namespace RelayCluster.Etcd.Kv;

/// <summary>Which property of a key a transaction compare looks at.</summary>
public enum EtcdCompareTarget
{
    /// <summary>The key's version (number of puts since creation; 0 when absent).</summary>
    Version,

    /// <summary>The revision that created the key (0 when absent).</summary>
    CreateRevision,

    /// <summary>The revision of the key's last change (0 when absent).</summary>
    ModRevision,

    /// <summary>The key's value bytes (an absent key never matches).</summary>
    Value,

    /// <summary>The lease the key is attached to (0 when none).</summary>
    Lease,
}
