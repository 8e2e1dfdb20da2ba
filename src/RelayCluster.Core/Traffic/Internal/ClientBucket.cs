namespace RelayCluster.Core.Traffic.Internal;

/// <summary>The packet and byte tokens of one client, kept in a stripe's array and changed only under its lock.</summary>
internal struct ClientBucket
{
    public ClientKey Key;

    public double Packets;

    public double Bytes;

    /// <summary>When the tokens were last topped up, which is also when the client was last seen.</summary>
    public long RefilledAt;

    /// <summary>The CLOCK reference bit: set when the client sends, cleared when the eviction hand passes.</summary>
    public bool Referenced;
}
