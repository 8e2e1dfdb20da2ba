using System.Globalization;
using System.Text.Json;
using RelayCluster.Bench.Common;
using RelayCluster.Bench.Measuring;

namespace RelayCluster.Bench.Udp;

/// <summary>What a <c>udp-load</c> run measured, printable as text for people or as one line of JSON for scripts.</summary>
internal sealed class UdpLoadResult(UdpLoadOptions options, double seconds, UdpLoadCounters counters, LatencyHistogram rtt)
{
    public UdpLoadOptions Options { get; } = options;

    public double Seconds { get; } = seconds;

    public UdpLoadCounters Counters { get; } = counters;

    public double RoundTripsPerSecond => Seconds > 0 ? Counters.Received / Seconds : 0;

    public double RttMicroseconds(double quantile) => rtt.ValueAtQuantile(quantile) / 1000;

    public double RttMaxMicroseconds => rtt.MaxNanoseconds / 1000.0;

    public void WriteText(TextWriter writer)
    {
        var c = Counters;
        writer.WriteLine(Invariant($"udp-load {Options.Target}: {Options.Flows} flows x {Options.Window} in flight, {Options.Size} bytes, {DurationParser.Format(TimeSpan.FromSeconds(Seconds))} measured"));
        writer.WriteLine(Invariant($"  round trips/s  {RoundTripsPerSecond:0}"));
        writer.WriteLine(Invariant($"  sent           {c.Sent}"));
        writer.WriteLine(Invariant($"  received       {c.Received}"));
        writer.WriteLine(Invariant($"  lost           {c.Lost}"));
        writer.WriteLine(Invariant($"  misrouted      {c.Misrouted}"));
        writer.WriteLine(Invariant($"  late           {c.Late}"));
        writer.WriteLine(Invariant($"  foreign        {c.Foreign}"));
        writer.WriteLine(Invariant($"  refused        {c.Refused}"));
        writer.WriteLine(Invariant($"  rtt us         p50 {RttMicroseconds(0.5):0.0}  p99 {RttMicroseconds(0.99):0.0}  p999 {RttMicroseconds(0.999):0.0}  max {RttMaxMicroseconds:0.0}"));
    }

    public void WriteJson(Stream stream)
    {
        var c = Counters;
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteString("target", Options.Target.ToString());
        json.WriteNumber("flows", Options.Flows);
        json.WriteNumber("window", Options.Window);
        json.WriteNumber("size", Options.Size);
        json.WriteNumber("seconds", Math.Round(Seconds, 3));
        json.WriteNumber("roundTripsPerSecond", Math.Round(RoundTripsPerSecond));
        json.WriteNumber("sent", c.Sent);
        json.WriteNumber("received", c.Received);
        json.WriteNumber("lost", c.Lost);
        json.WriteNumber("misrouted", c.Misrouted);
        json.WriteNumber("late", c.Late);
        json.WriteNumber("foreign", c.Foreign);
        json.WriteNumber("refused", c.Refused);
        json.WriteNumber("rttP50Us", Math.Round(RttMicroseconds(0.5), 1));
        json.WriteNumber("rttP99Us", Math.Round(RttMicroseconds(0.99), 1));
        json.WriteNumber("rttP999Us", Math.Round(RttMicroseconds(0.999), 1));
        json.WriteNumber("rttMaxUs", Math.Round(RttMaxMicroseconds, 1));
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
