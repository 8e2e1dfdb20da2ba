namespace RelayCluster.Node.Metrics.Internal;

/// <summary>The Prometheus type of a metric family.</summary>
internal enum MetricKind
{
    /// <summary>A value that only goes up; its name ends in <c>_total</c>.</summary>
    Counter,

    /// <summary>A value that goes up and down.</summary>
    Gauge,

    /// <summary>Counts of observations in cumulative buckets, with their sum and count.</summary>
    Histogram,
}
