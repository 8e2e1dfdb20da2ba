using System.Diagnostics.Metrics;
using System.Text;
using RelayCluster.Node.Metrics.Internal;

namespace RelayCluster.Node.Metrics;

/// <summary>
/// Collects the instruments of one <see cref="Meter"/> with a <see cref="MeterListener"/> and writes them in the
/// Prometheus text exposition format 0.0.4: one HELP and TYPE per family, counters ending in <c>_total</c>, histograms
/// as cumulative <c>_bucket{le=...}</c> series up to <c>+Inf</c> with <c>_sum</c> and <c>_count</c>.
/// Observable instruments are read on each render; histograms and counters accumulate from construction on.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    /// <summary>The content type of the text format, for the <c>Content-Type</c> header of <c>GET /metrics</c>.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private static readonly Func<IReadOnlyList<KeyValuePair<string, string>>, bool> s_keepAll = static _ => true;
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Meter _meter;
    private readonly Func<IReadOnlyList<KeyValuePair<string, string>>, bool> _keep;
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, MetricFamily> _families = new(StringComparer.Ordinal);
    private readonly List<MetricFamily> _order = [];
    private readonly Lock _render = new();

    /// <summary>Starts collecting the instruments of <paramref name="meter"/>, those made so far and those made later.</summary>
    public PrometheusExporter(Meter meter)
        : this(meter, s_keepAll)
    {
    }

    /// <summary>Starts collecting <paramref name="meter"/>; a recorded series whose labels <paramref name="keep"/> rejects is dropped at the next render.</summary>
    internal PrometheusExporter(Meter meter, Func<IReadOnlyList<KeyValuePair<string, string>>, bool> keep)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _meter = meter;
        _keep = keep;
        _listener.InstrumentPublished = OnInstrumentPublished;
        _listener.SetMeasurementEventCallback<byte>(static (_, value, tags, state) => ((MetricFamily)state!).Add(value, tags));
        _listener.SetMeasurementEventCallback<short>(static (_, value, tags, state) => ((MetricFamily)state!).Add(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((MetricFamily)state!).Add(value, tags));
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((MetricFamily)state!).Add(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => ((MetricFamily)state!).Add(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((MetricFamily)state!).Add(value, tags));
        _listener.Start();
    }

    /// <summary>Reads the observable instruments and returns every family as Prometheus text.</summary>
    public string Render()
    {
        var output = new StringBuilder(16 * 1024);
        lock (_render)
        {
            MetricFamily[] families;
            lock (_families)
            {
                families = [.. _order];
            }

            foreach (var family in families.Where(family => family.IsObservable))
            {
                family.BeginScrape();
            }

            _listener.RecordObservableInstruments();
            foreach (var family in families)
            {
                family.WriteTo(output, _keep);
            }
        }

        return output.ToString();
    }

    /// <summary>Writes <see cref="Render"/>'s text to <paramref name="stream"/> as UTF-8.</summary>
    public async Task WriteAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        await stream.WriteAsync(s_utf8.GetBytes(Render()), cancellationToken);
    }

    /// <summary>Stops collecting.</summary>
    public void Dispose() => _listener.Dispose();

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (!ReferenceEquals(instrument.Meter, _meter) || Describe(instrument) is not { } description)
        {
            return;
        }

        MetricFamily? family;
        lock (_families)
        {
            var candidate = new MetricFamily(instrument, description.Kind, description.Additive, description.Bounds);
            if (!_families.TryGetValue(candidate.Name, out family))
            {
                family = candidate;
                _families.Add(family.Name, family);
                _order.Add(family);
            }
        }

        listener.EnableMeasurementEvents(instrument, family);
    }

    private static (MetricKind Kind, bool Additive, double[]? Bounds)? Describe(Instrument instrument)
    {
        var type = instrument.GetType();
        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        if (definition == typeof(Counter<>) || definition == typeof(ObservableCounter<>))
        {
            return (MetricKind.Counter, true, null);
        }

        if (definition == typeof(UpDownCounter<>) || definition == typeof(ObservableUpDownCounter<>))
        {
            return (MetricKind.Gauge, true, null);
        }

        if (definition == typeof(Gauge<>) || definition == typeof(ObservableGauge<>))
        {
            return (MetricKind.Gauge, false, null);
        }

        return definition == typeof(Histogram<>) ? (MetricKind.Histogram, false, HistogramBounds(instrument)) : null;
    }

    private static double[]? HistogramBounds(Instrument instrument) => instrument switch
    {
        Histogram<double> histogram => histogram.Advice?.HistogramBucketBoundaries?.ToArray(),
        Histogram<long> histogram => histogram.Advice?.HistogramBucketBoundaries?.Select(bound => (double)bound).ToArray(),
        Histogram<int> histogram => histogram.Advice?.HistogramBucketBoundaries?.Select(bound => (double)bound).ToArray(),
        _ => null,
    };
}
