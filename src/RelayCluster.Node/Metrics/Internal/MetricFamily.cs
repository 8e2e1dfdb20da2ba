using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace RelayCluster.Node.Metrics.Internal;

/// <summary>
/// The series of one instrument. An observable instrument's series are replaced on every scrape; a recorded one's
/// (histogram, counter) accumulate from the moment the exporter started. Safe to update from any thread.
/// </summary>
internal sealed class MetricFamily
{
    // OpenTelemetry's default boundaries, for a histogram whose instrument gives no advice.
    private static readonly double[] s_defaultBounds = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly Dictionary<string, MetricSeries> _series = new(StringComparer.Ordinal);
    private readonly bool _additive;

    public MetricFamily(Instrument instrument, MetricKind kind, bool additive, double[]? bounds)
    {
        Kind = kind;
        _additive = additive;
        IsObservable = instrument.IsObservable;
        var name = PrometheusText.MetricName(instrument.Name);
        Name = kind == MetricKind.Counter && !name.EndsWith("_total", StringComparison.Ordinal) ? name + "_total" : name;
        Help = string.IsNullOrEmpty(instrument.Description) ? instrument.Name : instrument.Description;
        Bounds = kind == MetricKind.Histogram ? bounds ?? s_defaultBounds : [];
    }

    /// <summary>The family's name as written; a counter's ends in <c>_total</c>.</summary>
    public string Name { get; }

    /// <summary>The family's Prometheus type.</summary>
    public MetricKind Kind { get; }

    /// <summary>The HELP text: the instrument's description.</summary>
    public string Help { get; }

    /// <summary>Whether the instrument is read on each scrape rather than recorded into.</summary>
    public bool IsObservable { get; }

    /// <summary>A histogram's bucket upper bounds, ascending.</summary>
    public double[] Bounds { get; }

    /// <summary>Forgets the last scrape's values of an observable instrument.</summary>
    public void BeginScrape()
    {
        lock (_series)
        {
            _series.Clear();
        }
    }

    /// <summary>Takes one measurement with its tags.</summary>
    public void Add(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = new KeyValuePair<string, string>[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            labels[i] = new(PrometheusText.LabelName(tags[i].Key), Convert.ToString(tags[i].Value, CultureInfo.InvariantCulture) ?? string.Empty);
        }

        var labelText = PrometheusText.Labels(labels);
        lock (_series)
        {
            if (!_series.TryGetValue(labelText, out var series))
            {
                series = new MetricSeries(labels, labelText, Bounds.Length + 1);
                _series.Add(labelText, series);
            }

            if (Kind == MetricKind.Histogram)
            {
                if (!double.IsNaN(value))
                {
                    series.Observe(value, Bounds);
                }
            }
            else
            {
                series.Value = _additive ? series.Value + value : value;
            }
        }
    }

    /// <summary>
    /// Writes HELP, TYPE and every series; recorded series for which <paramref name="keep"/> says no are dropped for good.
    /// </summary>
    public void WriteTo(StringBuilder output, Func<IReadOnlyList<KeyValuePair<string, string>>, bool> keep)
    {
        output.Append("# HELP ").Append(Name).Append(' ');
        PrometheusText.AppendHelp(output, Help);
        output.Append('\n').Append("# TYPE ").Append(Name).Append(' ').Append(TypeName).Append('\n');
        lock (_series)
        {
            foreach (var (key, series) in _series)
            {
                if (!IsObservable && !keep(series.Labels))
                {
                    _series.Remove(key);
                }
                else if (Kind == MetricKind.Histogram)
                {
                    WriteHistogram(output, series);
                }
                else
                {
                    output.Append(Name).Append(series.LabelText).Append(' ').Append(PrometheusText.Number(series.Value)).Append('\n');
                }
            }
        }
    }

    private string TypeName => Kind switch
    {
        MetricKind.Counter => "counter",
        MetricKind.Histogram => "histogram",
        _ => "gauge",
    };

    private void WriteHistogram(StringBuilder output, MetricSeries series)
    {
        long cumulative = 0;
        for (var i = 0; i <= Bounds.Length; i++)
        {
            cumulative += series.BucketCounts[i];
            var le = i < Bounds.Length ? PrometheusText.Number(Bounds[i]) : "+Inf";
            output.Append(Name).Append("_bucket{");
            foreach (var (name, value) in series.Labels)
            {
                PrometheusText.AppendLabel(output, name, value);
                output.Append(',');
            }

            PrometheusText.AppendLabel(output, "le", le);
            output.Append("} ").Append(cumulative.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        output.Append(Name).Append("_sum").Append(series.LabelText).Append(' ').Append(PrometheusText.Number(series.Sum)).Append('\n');
        output.Append(Name).Append("_count").Append(series.LabelText).Append(' ').Append(series.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }
}
