namespace RelayCluster.Core.Configuration;

/// <summary>Where a routing token sits in a client's datagram (<c>relay.rules.&lt;name&gt;.token.position</c>).</summary>
public enum TokenPosition
{
    /// <summary>The datagram's first bytes (<c>prefix</c>).</summary>
    Prefix,

    /// <summary>The datagram's last bytes (<c>suffix</c>).</summary>
    Suffix,
}
