using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using OpenTelemetry.Metrics;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Affinity;
using RelayCluster.Node.Health;
using RelayCluster.Node.Metrics.Internal;
using RelayCluster.Node.Rules;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Metrics;

/// <summary>
/// The metrics of one node as <see cref="System.Diagnostics.Metrics"/> instruments on a meter named
/// <see cref="MeterName"/>, so <c>dotnet-counters</c> and any <see cref="MeterListener"/> see them. An OpenTelemetry
/// <see cref="MeterProvider"/> reads this meter alone: its Prometheus exporter answers <c>GET /metrics</c>
/// (<see cref="Prometheus"/>) and, when configured, its OTLP exporter pushes to a collector. Observable instruments read
/// the counters the packet path already keeps, over the rules running at the moment of each read; only session ends and
/// probes record anything.
/// </summary>
public sealed partial class RelayMetrics : IProbeDurations, ISessionDurations, IDisposable
{
    /// <summary>The name of the meter: <c>RelayCluster</c>.</summary>
    public const string MeterName = "RelayCluster";

    private static readonly double[] s_probeBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly double[] s_sessionBuckets = [0.1, 0.5, 1, 5, 10, 30, 60, 300, 600, 1800, 3600, 7200, 21600, 86400];

    private readonly Func<IReadOnlyList<RelayRule>> _rules;
    private readonly ConditionalWeakTable<RelayRule, TrafficHighWater> _traffic = [];
    private readonly Histogram<double> _probeDuration;
    private readonly Histogram<double> _sessionDuration;
    private readonly MeterProvider _provider;
    private volatile Func<bool> _backplaneConnected = static () => true;
    private volatile Func<IEnumerable<KeyValuePair<string, int>>> _members = static () => [];

    /// <summary>Creates the node's meter and instruments, and starts exporting them.</summary>
    /// <param name="rules">
    /// The rules running now; called on every read, from any thread, so it must return a list that is safe to enumerate
    /// while rules are added or removed (a snapshot).
    /// </param>
    /// <param name="nodeId">The node's id, set as the meter's <c>node</c> tag so tools can tell nodes in one process apart.</param>
    /// <param name="otlp">Where and how often to push the metrics over OTLP; null pushes nothing.</param>
    public RelayMetrics(Func<IReadOnlyList<RelayRule>> rules, string? nodeId = null, OtlpConfig? otlp = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = rules;
        Meter = new Meter(new MeterOptions(MeterName) { Tags = nodeId is null ? null : [new("node", nodeId)] });
        CreateRuleInstruments();
        CreateUpstreamInstruments();
        CreateNodeInstruments();
        _probeDuration = Meter.CreateHistogram(
            "relay_probe_duration_seconds", "s", "How long health probes of an upstream took.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_probeBuckets });
        _sessionDuration = Meter.CreateHistogram(
            "relay_session_duration_seconds", "s", "How long ended sessions lasted.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_sessionBuckets });
        _provider = MetricsPipeline.Build(Meter, otlp);
        Prometheus = new PrometheusEndpoint(_provider);
    }

    /// <summary>The node's meter.</summary>
    public Meter Meter { get; }

    /// <summary>The Prometheus text exposition of the meter, for <c>GET /metrics</c>.</summary>
    public PrometheusEndpoint Prometheus { get; }

    /// <summary>Whether the node reaches its cluster backplane (<c>relay_backplane_connected</c>); always true until set.</summary>
    public Func<bool> BackplaneConnected
    {
        get => _backplaneConnected;
        set => _backplaneConnected = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// The cluster's members counted by status, such as <c>up</c> = 3 (<c>relay_members</c>); none until set.
    /// Called on every read, from any thread.
    /// </summary>
    public Func<IEnumerable<KeyValuePair<string, int>>> Members
    {
        get => _members;
        set => _members = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The node's shared client-to-upstream table (<c>relay_affinity_entries</c>, <c>relay_affinity_hits_total</c>); none until set.</summary>
    public AffinityTable? Affinity { get; set; }

    /// <summary>Records the duration of a session of <paramref name="rule"/> that just ended; called once per session.</summary>
    public void SessionEnded(RelayRule rule, IRelaySession session)
    {
        var lasted = DateTimeOffset.UtcNow - session.StartedAt;
        _sessionDuration.Record(Math.Max(0, lasted.TotalSeconds), new KeyValuePair<string, object?>(MetricLabels.Rule, rule.Name));
    }

    /// <summary>Records how long one probe of <paramref name="upstream"/> of <paramref name="rule"/> took.</summary>
    public void ProbeFinished(string rule, string upstream, TimeSpan elapsed) =>
        _probeDuration.Record(
            Math.Max(0, elapsed.TotalSeconds),
            new KeyValuePair<string, object?>(MetricLabels.Rule, rule),
            new KeyValuePair<string, object?>(MetricLabels.Upstream, upstream));

    /// <summary>Pushes what OTLP has not sent yet, stops exporting and ends the meter's instruments.</summary>
    public void Dispose()
    {
        _provider.Dispose();
        Meter.Dispose();
    }
}
