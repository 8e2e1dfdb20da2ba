namespace RelayCluster.Core.Configuration;

/// <summary>Binds <c>relay.metrics</c>.</summary>
internal static class MetricsConfigBinder
{
    public static MetricsConfig Bind(ConfigSection metrics)
    {
        var otlp = metrics.Section("otlp");
        var endpointText = otlp.String("endpoint");
        var interval = otlp.Duration("interval", OtlpConfig.DefaultInterval);
        if (endpointText is null || endpointText.Length == 0)
        {
            return new MetricsConfig();
        }

        if (!Uri.TryCreate(endpointText, UriKind.Absolute, out var endpoint)
            || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)
            || endpoint.Host.Length == 0)
        {
            otlp.Error(otlp.PositionOf("endpoint"), "endpoint", $"expected an http:// or https:// URL such as http://127.0.0.1:4318/v1/metrics, got '{endpointText}'");
            return new MetricsConfig();
        }

        return new MetricsConfig { Otlp = new OtlpConfig { Endpoint = endpoint, Interval = interval } };
    }
}
