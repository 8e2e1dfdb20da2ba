namespace RelayCluster.Etcd.Kv;

/// <summary>How a transaction compare relates the key's property to the operand.</summary>
public enum EtcdCompareOperator
{
    /// <summary>The property equals the operand.</summary>
    Equal,

    /// <summary>The property is greater than the operand.</summary>
    Greater,

    /// <summary>The property is less than the operand.</summary>
    Less,

    /// <summary>The property differs from the operand.</summary>
    NotEqual,
}
