namespace RelayCluster.Core.Configuration;

/// <summary>Active health checks of a rule's upstreams (<c>relay.rules.&lt;name&gt;.health</c>).</summary>
public sealed record HealthConfig
{
    /// <summary>The default <see cref="Interval"/>: 2 seconds.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(2);

    /// <summary>The default <see cref="Timeout"/>: 1 second.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The default <see cref="Rise"/>: 2.</summary>
    public const int DefaultRise = 2;

    /// <summary>The default <see cref="Fall"/>: 3.</summary>
    public const int DefaultFall = 3;

    /// <summary>The most <see cref="Rise"/> or <see cref="Fall"/>: 100.</summary>
    public const int MaxRiseOrFall = 100;

    /// <summary>How each upstream is probed (<c>check</c>); default <see cref="HealthCheckKind.None"/>: every upstream counts as available.</summary>
    public HealthCheckKind Check { get; init; } = HealthCheckKind.None;

    /// <summary>The time between two probes of one upstream (<c>interval</c>); default 2 s.</summary>
    public TimeSpan Interval { get; init; } = DefaultInterval;

    /// <summary>How long a probe may wait for its answer (<c>timeout</c>); default 1 s, at most <see cref="Interval"/>.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>Consecutive passed probes that make an upstream healthy (<c>rise</c>); default 2, from 1 to 100.</summary>
    public int Rise { get; init; } = DefaultRise;

    /// <summary>Consecutive failed probes that make an upstream unhealthy (<c>fall</c>); default 3, from 1 to 100.</summary>
    public int Fall { get; init; } = DefaultFall;

    /// <summary>What the udp probe sends and expects (<c>udp-probe</c>); used when <see cref="Check"/> is udp-probe and there is no <see cref="Preset"/>.</summary>
    public UdpProbeConfig UdpProbe { get; init; } = new();

    /// <summary>A ready-made udp probe for a game query protocol (<c>preset</c>); default <see cref="HealthPreset.None"/>.</summary>
    public HealthPreset Preset { get; init; } = HealthPreset.None;

    /// <summary>Failures seen by the rule's sessions that count toward <see cref="Fall"/> (<c>passive</c>); default off.</summary>
    public PassiveHealthConfig Passive { get; init; } = new();
}
