namespace RelayCluster.Core.Configuration;

/// <summary>A ready-made udp probe for a game query protocol (<c>relay.rules.&lt;name&gt;.health.preset</c>).</summary>
public enum HealthPreset
{
    /// <summary>No preset: the probe sends <c>udp-probe.send</c> and checks <c>udp-probe.expect</c> (<c>none</c>).</summary>
    None,

    /// <summary>
    /// The Source engine A2S_INFO query, answering the server's challenge when it sends one; passes on an info reply
    /// (<c>a2s-info</c>).
    /// </summary>
    A2sInfo,

    /// <summary>
    /// The RakNet unconnected ping that Minecraft Bedrock servers answer with an unconnected pong
    /// (<c>minecraft-bedrock</c>).
    /// </summary>
    MinecraftBedrock,
}
