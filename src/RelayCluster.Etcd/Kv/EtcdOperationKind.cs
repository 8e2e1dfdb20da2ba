namespace RelayCluster.Etcd.Kv;

/// <summary>What a transaction operation does.</summary>
public enum EtcdOperationKind
{
    /// <summary>Reads a key or a prefix.</summary>
    Range,

    /// <summary>Writes a key.</summary>
    Put,

    /// <summary>Deletes a key or a prefix.</summary>
    Delete,
}
