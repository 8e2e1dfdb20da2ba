namespace RelayCluster.Core.Configuration;

/// <summary>OTLP export of the node's metrics over HTTP with protobuf (<c>relay.metrics.otlp</c>).</summary>
public sealed record OtlpConfig
{
    /// <summary>The default of <see cref="Interval"/>: 15 seconds, a common scrape interval.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(15);

    /// <summary>The collector's OTLP/HTTP metrics URL (<c>endpoint</c>), such as <c>http://127.0.0.1:4318/v1/metrics</c>.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>How often the metrics are pushed (<c>interval</c>).</summary>
    public TimeSpan Interval { get; init; } = DefaultInterval;
}
