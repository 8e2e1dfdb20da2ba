namespace RelayCluster.Core.Configuration;

/// <summary>Metrics export (<c>relay.metrics</c>); <c>/metrics</c> on the admin API is always served.</summary>
public sealed record MetricsConfig
{
    /// <summary>Pushing metrics to an OpenTelemetry collector (<c>otlp</c>); null when no endpoint is set.</summary>
    public OtlpConfig? Otlp { get; init; }
}
