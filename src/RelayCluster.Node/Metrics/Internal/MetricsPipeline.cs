using System.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using RelayCluster.Core.Configuration;

namespace RelayCluster.Node.Metrics.Internal;

/// <summary>The OpenTelemetry meter provider of one node: its Prometheus exporter and, when configured, its OTLP exporter.</summary>
internal static class MetricsPipeline
{
    /// <summary>
    /// A provider that reads <paramref name="meter"/> only. Providers listen by meter name and every node names its
    /// meter <see cref="RelayMetrics.MeterName"/>, so instruments of other nodes in the same process are dropped by a view.
    /// </summary>
    public static MeterProvider Build(Meter meter, OtlpConfig? otlp)
    {
        var builder = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("relay-node", serviceInstanceId: NodeId(meter)))
            .AddMeter(meter.Name)
            .AddView(instrument => ReferenceEquals(instrument.Meter, meter) ? null : MetricStreamConfiguration.Drop)
            .AddPrometheusExporter(prometheus =>
            {
                // Every scrape reads the counters afresh: a counter test or a dashboard expects the value of now.
                prometheus.ScrapeResponseCacheDurationMilliseconds = 0;
                prometheus.TargetInfoEnabled = false;
                prometheus.ScopeInfoEnabled = false;
            });
        if (otlp is not null)
        {
            builder.AddOtlpExporter((exporter, reader) =>
            {
                exporter.Endpoint = otlp.Endpoint;
                exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                reader.TemporalityPreference = MetricReaderTemporalityPreference.Cumulative;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)Math.Clamp(otlp.Interval.TotalMilliseconds, 1, int.MaxValue);
            });
        }

        return builder.Build();
    }

    private static string? NodeId(Meter meter) =>
        meter.Tags?.FirstOrDefault(tag => tag.Key == "node").Value?.ToString();
}
