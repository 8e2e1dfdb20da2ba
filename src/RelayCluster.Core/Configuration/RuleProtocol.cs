namespace RelayCluster.Core.Configuration;

/// <summary>What a rule relays (<c>relay.rules.&lt;name&gt;.protocol</c>).</summary>
public enum RuleProtocol
{
    /// <summary>Datagrams; a session is the flow from one client address and port (<c>udp</c>).</summary>
    Udp,

    /// <summary>Connections; a session is one client connection (<c>tcp</c>).</summary>
    Tcp,
}
