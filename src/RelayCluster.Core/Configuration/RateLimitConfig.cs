namespace RelayCluster.Core.Configuration;

/// <summary>Token-bucket limits per client IP address (<c>relay.rules.&lt;name&gt;.rate-limit</c>); 0 turns a limit off.</summary>
public sealed record RateLimitConfig
{
    /// <summary>The default of <see cref="MaxClients"/>.</summary>
    public const int DefaultMaxClients = 65_536;

    /// <summary>The largest <see cref="MaxClients"/> accepted.</summary>
    public const int MaxMaxClients = 16_777_216;

    /// <summary>
    /// Datagrams per second from one client IP (udp), or new connections per second from one client IP (tcp)
    /// (<c>packets-per-second</c>); default 0: off.
    /// </summary>
    public long PacketsPerSecond { get; init; }

    /// <summary>Bytes per second from one client IP (<c>bytes-per-second</c>, a size such as 1MiB); default 0: off.</summary>
    public long BytesPerSecond { get; init; }

    /// <summary>
    /// How many packets (or connections) above the steady rate a client may send at once: the depth of the
    /// packet bucket (<c>burst</c>); default 0: one second's worth. The byte bucket always holds one second's worth.
    /// </summary>
    public long Burst { get; init; }

    /// <summary>
    /// The most client IP addresses whose buckets are kept at once (<c>max-clients</c>); when the table is full a new
    /// client pushes out one that has not sent lately. Bounds the limiter's memory under a flood of spoofed sources.
    /// </summary>
    public int MaxClients { get; init; } = DefaultMaxClients;

    /// <summary>Whether any limit is on.</summary>
    public bool IsEnabled => PacketsPerSecond > 0 || BytesPerSecond > 0;

    /// <summary>The packet bucket's depth: <see cref="Burst"/>, or one second's worth when it is 0.</summary>
    public long EffectiveBurst => Burst > 0 ? Burst : PacketsPerSecond;
}
