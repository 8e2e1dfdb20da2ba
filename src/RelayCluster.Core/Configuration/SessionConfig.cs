namespace RelayCluster.Core.Configuration;

/// <summary>Session limits and timeouts of a rule (<c>relay.rules.&lt;name&gt;.session</c>).</summary>
public sealed record SessionConfig
{
    /// <summary>The default <see cref="IdleTimeout"/> of a udp rule: 60 seconds.</summary>
    public static readonly TimeSpan DefaultUdpIdleTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The default <see cref="IdleTimeout"/> of a tcp rule: 10 minutes.</summary>
    public static readonly TimeSpan DefaultTcpIdleTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The default <see cref="ConnectTimeout"/>: 3 seconds.</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(3);

    /// <summary>The default <see cref="Max"/>: 10000.</summary>
    public const int DefaultMax = 10_000;

    /// <summary>The default <see cref="MaxPerClientIp"/>: 0, no per-IP cap.</summary>
    public const int DefaultMaxPerClientIp = 0;

    /// <summary>The default <see cref="ReclaimAfter"/>: 10 seconds.</summary>
    public static readonly TimeSpan DefaultReclaimAfter = TimeSpan.FromSeconds(10);

    /// <summary>The default <see cref="MaxDatagram"/>: 2048 bytes.</summary>
    public const int DefaultMaxDatagram = 2048;

    /// <summary>The smallest <see cref="MaxDatagram"/>: 64 bytes.</summary>
    public const int MinMaxDatagram = 64;

    /// <summary>The largest <see cref="MaxDatagram"/>: 65507 bytes, the largest UDP payload over IPv4.</summary>
    public const int MaxMaxDatagram = 65_507;

    /// <summary>The default <see cref="BufferSize"/>: 64 KiB.</summary>
    public const int DefaultBufferSize = 64 * 1024;

    /// <summary>The smallest <see cref="BufferSize"/>: 1 KiB.</summary>
    public const int MinBufferSize = 1024;

    /// <summary>The largest <see cref="BufferSize"/>: 4 MiB.</summary>
    public const int MaxBufferSize = 4 * 1024 * 1024;

    /// <summary>The default <see cref="ConnectAttempts"/>: 3.</summary>
    public const int DefaultConnectAttempts = 3;

    /// <summary>The most <see cref="ConnectAttempts"/>: 16.</summary>
    public const int MaxConnectAttempts = 16;

    /// <summary>
    /// How long a session may pass no traffic in either direction before it is closed (<c>idle-timeout</c>);
    /// default 60 s for udp rules and 10 min for tcp rules.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = DefaultUdpIdleTimeout;

    /// <summary>The most live sessions of the rule on one node (<c>max</c>); default 10000.</summary>
    public int Max { get; init; } = DefaultMax;

    /// <summary>
    /// The most live sessions of the rule on one node from one client IP address (<c>max-per-client-ip</c>); default 0,
    /// which sets no per-IP cap. An opt-in protection: many clients may share one address behind a NAT.
    /// </summary>
    public int MaxPerClientIp { get; init; } = DefaultMaxPerClientIp;

    /// <summary>
    /// udp, with a <see cref="MaxPerClientIp"/> cap (<c>reclaim-after</c>): a new flow of a client at its cap takes over the
    /// client's idlest session when that one has been idle at least this long; default 10 s.
    /// </summary>
    public TimeSpan ReclaimAfter { get; init; } = DefaultReclaimAfter;

    /// <summary>The largest datagram relayed, in bytes; larger ones are dropped (<c>max-datagram</c>, udp); default 2048, from 64 to 65507.</summary>
    public int MaxDatagram { get; init; } = DefaultMaxDatagram;

    /// <summary>How long one attempt to connect to an upstream may take (<c>connect-timeout</c>, tcp); default 3 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = DefaultConnectTimeout;

    /// <summary>How many upstreams a new tcp session tries before it gives up (<c>connect-attempts</c>, tcp); default 3, from 1 to 16.</summary>
    public int ConnectAttempts { get; init; } = DefaultConnectAttempts;

    /// <summary>
    /// tcp (<c>buffer-size</c>): the read buffer of one direction of one connection, held only while data moves; a
    /// connection holds at most two, however much its peers have pending.
    /// </summary>
    public int BufferSize { get; init; } = DefaultBufferSize;

    /// <summary>What happens to live sessions when their upstream becomes unhealthy (<c>on-upstream-down</c>); default <see cref="UpstreamDownAction.Keep"/>.</summary>
    public UpstreamDownAction OnUpstreamDown { get; init; } = UpstreamDownAction.Keep;

    /// <summary>
    /// udp (<c>affinity</c>): whether the upstream each client was given is shared with the cluster, so the client keeps
    /// it on another node; default <see cref="SessionAffinity.Cluster"/> for udp rules, <see cref="SessionAffinity.Node"/> for tcp.
    /// </summary>
    public SessionAffinity Affinity { get; init; } = SessionAffinity.Cluster;
}
