namespace RelayCluster.Core.Configuration;

/// <summary>Health verdicts drawn from the rule's own sessions (<c>relay.rules.&lt;name&gt;.health.passive</c>).</summary>
public sealed record PassiveHealthConfig
{
    /// <summary>
    /// How long a udp session may wait for the first datagram from its upstream before that counts as one failed
    /// probe (<c>udp-reply-timeout</c>); <see cref="TimeSpan.Zero"/>, the default, turns it off.
    /// </summary>
    public TimeSpan UdpReplyTimeout { get; init; } = TimeSpan.Zero;

    /// <summary>Whether sessions that get no reply count against their upstream.</summary>
    public bool WatchesUdpReplies => UdpReplyTimeout > TimeSpan.Zero;
}
