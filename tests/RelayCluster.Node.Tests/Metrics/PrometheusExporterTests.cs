using System.Diagnostics.Metrics;
using System.Text;
using RelayCluster.Node.Metrics;

namespace RelayCluster.Node.Tests.Metrics;

public class PrometheusExporterTests
{
    [Fact]
    public void Render_CounterNamedWithoutTotal_WrittenWithTotalOnce()
    {
        using var meter = new Meter("test-exporter");
        meter.CreateObservableCounter("requests", () => 7L, null, "Requests.");
        using var exporter = new PrometheusExporter(meter);

        var text = exporter.Render();

        Assert.Equal("# HELP requests_total Requests.\n# TYPE requests_total counter\nrequests_total 7\n", text);
    }

    [Fact]
    public void Render_Histogram_CumulativeBucketsUpToInfEqualToCount()
    {
        using var meter = new Meter("test-exporter");
        var histogram = meter.CreateHistogram("wait_seconds", "s", "Waits.", null, new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 2, 5] });
        using var exporter = new PrometheusExporter(meter);
        foreach (var value in new[] { 0.5, 1, 3, 10 })
        {
            histogram.Record(value, new KeyValuePair<string, object?>("rule", "a"));
        }

        var text = exporter.Render();

        Assert.Equal(
            """
            # HELP wait_seconds Waits.
            # TYPE wait_seconds histogram
            wait_seconds_bucket{rule="a",le="1"} 2
            wait_seconds_bucket{rule="a",le="2"} 2
            wait_seconds_bucket{rule="a",le="5"} 3
            wait_seconds_bucket{rule="a",le="+Inf"} 4
            wait_seconds_sum{rule="a"} 14.5
            wait_seconds_count{rule="a"} 4

            """.ReplaceLineEndings("\n"),
            text);
        PrometheusTextChecker.Check(text);
    }

    [Fact]
    public void Render_LabelValueWithQuoteBackslashAndNewline_EscapedAndReadBack()
    {
        const string awkward = "a\"b\\c\nd";
        using var meter = new Meter("test-exporter");
        meter.CreateObservableGauge("level", () => new Measurement<int>(3, new KeyValuePair<string, object?>("rule", awkward)), null, "Line one\nline two \\ end.");
        using var exporter = new PrometheusExporter(meter);

        var text = exporter.Render();

        Assert.Contains("level{rule=\"a\\\"b\\\\c\\nd\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("# HELP level Line one\\nline two \\\\ end.\n", text, StringComparison.Ordinal);
        Assert.Equal(3, PrometheusTextChecker.Check(text).Value("level", ("rule", awkward)));
    }

    [Fact]
    public void Render_AnotherMeterOfTheSameName_LeftOut()
    {
        using var mine = new Meter(RelayMetrics.MeterName);
        using var other = new Meter(RelayMetrics.MeterName);
        mine.CreateObservableGauge("mine", () => 1);
        other.CreateObservableGauge("other", () => 2);
        using var exporter = new PrometheusExporter(mine);

        var exposition = PrometheusTextChecker.Check(exporter.Render());

        Assert.Equal(["mine"], exposition.Types.Keys);
    }

    [Fact]
    public void Render_ObservedSeriesGone_NoLongerWritten()
    {
        var rules = new List<string> { "a", "b" };
        using var meter = new Meter("test-exporter");
        meter.CreateObservableGauge("up", () => rules.Select(rule => new Measurement<int>(1, new KeyValuePair<string, object?>("rule", rule))));
        using var exporter = new PrometheusExporter(meter);
        Assert.Equal(2, PrometheusTextChecker.Check(exporter.Render()).Find("up").Count);

        rules.Remove("a");

        var left = Assert.Single(PrometheusTextChecker.Check(exporter.Render()).Find("up"));
        Assert.Equal("b", left.Label("rule"));
    }

    [Fact]
    public void Render_InstrumentNameWithDots_WrittenWithUnderscores()
    {
        using var meter = new Meter("test-exporter");
        var counter = meter.CreateCounter<long>("relay.test.events");
        using var exporter = new PrometheusExporter(meter);
        counter.Add(2);
        counter.Add(3);

        var exposition = PrometheusTextChecker.Check(exporter.Render());

        Assert.Equal(5, exposition.Value("relay_test_events_total"));
    }

    [Fact]
    public async Task WriteAsync_Stream_ReceivesRenderAsUtf8()
    {
        using var meter = new Meter("test-exporter");
        meter.CreateObservableGauge("temperature", () => new Measurement<double>(21.5, new KeyValuePair<string, object?>("room", "küche")));
        using var exporter = new PrometheusExporter(meter);
        using var stream = new MemoryStream();

        await exporter.WriteAsync(stream);

        Assert.Equal((byte)'#', stream.ToArray()[0]);
        Assert.Equal(exporter.Render(), Encoding.UTF8.GetString(stream.ToArray()));
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", PrometheusExporter.ContentType);
    }
}
