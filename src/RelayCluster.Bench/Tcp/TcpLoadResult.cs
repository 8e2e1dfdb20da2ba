using System.Globalization;
using System.Text.Json;
using RelayCluster.Bench.Common;
using RelayCluster.Bench.Measuring;

namespace RelayCluster.Bench.Tcp;

/// <summary>What a <c>tcp-load</c> run measured, printable as text for people or as one line of JSON for scripts.</summary>
internal sealed class TcpLoadResult(TcpLoadOptions options, double seconds, TcpLoadCounters counters, LatencyHistogram latency, string? firstError)
{
    public TcpLoadOptions Options { get; } = options;

    public double Seconds { get; } = seconds;

    public TcpLoadCounters Counters { get; } = counters;

    /// <summary>The first failure a connection saw, or null when there was none.</summary>
    public string? FirstError { get; } = firstError;

    public double RequestsPerSecond => PerSecond(Counters.Requests);

    public double SentBytesPerSecond => PerSecond(Counters.SentBytes);

    public double ReceivedBytesPerSecond => PerSecond(Counters.ReceivedBytes);

    public double LatencyMicroseconds(double quantile) => latency.ValueAtQuantile(quantile) / 1000;

    public double LatencyMaxMicroseconds => latency.MaxNanoseconds / 1000.0;

    public void WriteText(TextWriter writer)
    {
        var c = Counters;
        writer.WriteLine(Invariant($"tcp-load {Options.Target}: {Options.Connections} connections, {Options.RequestSize}-byte requests, {Options.ResponseSize}-byte responses, {DurationParser.Format(TimeSpan.FromSeconds(Seconds))} measured"));
        writer.WriteLine(Invariant($"  requests/s     {RequestsPerSecond:0}"));
        writer.WriteLine(Invariant($"  bytes/s        sent {SentBytesPerSecond:0}  received {ReceivedBytesPerSecond:0}"));
        writer.WriteLine(Invariant($"  requests       {c.Requests}"));
        writer.WriteLine(Invariant($"  connects       {c.Connects}"));
        writer.WriteLine(Invariant($"  errors         {c.Errors}"));
        writer.WriteLine(Invariant($"  mismatched     {c.Mismatched}"));
        writer.WriteLine(Invariant($"  latency us     p50 {LatencyMicroseconds(0.5):0.0}  p99 {LatencyMicroseconds(0.99):0.0}  p999 {LatencyMicroseconds(0.999):0.0}  max {LatencyMaxMicroseconds:0.0}"));
        if (FirstError is not null)
        {
            writer.WriteLine($"  first error    {FirstError}");
        }
    }

    public void WriteJson(Stream stream)
    {
        var c = Counters;
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteString("target", Options.Target.ToString());
        json.WriteNumber("connections", Options.Connections);
        json.WriteNumber("request", Options.RequestSize);
        json.WriteNumber("response", Options.ResponseSize);
        json.WriteNumber("seconds", Math.Round(Seconds, 3));
        json.WriteNumber("requestsPerSecond", Math.Round(RequestsPerSecond));
        json.WriteNumber("sentBytesPerSecond", Math.Round(SentBytesPerSecond));
        json.WriteNumber("receivedBytesPerSecond", Math.Round(ReceivedBytesPerSecond));
        json.WriteNumber("requests", c.Requests);
        json.WriteNumber("connects", c.Connects);
        json.WriteNumber("errors", c.Errors);
        json.WriteNumber("mismatched", c.Mismatched);
        json.WriteNumber("latencyP50Us", Math.Round(LatencyMicroseconds(0.5), 1));
        json.WriteNumber("latencyP99Us", Math.Round(LatencyMicroseconds(0.99), 1));
        json.WriteNumber("latencyP999Us", Math.Round(LatencyMicroseconds(0.999), 1));
        json.WriteNumber("latencyMaxUs", Math.Round(LatencyMaxMicroseconds, 1));
        if (FirstError is not null)
        {
            json.WriteString("firstError", FirstError);
        }

        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
    }

    private double PerSecond(long count) => Seconds > 0 ? count / Seconds : 0;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
