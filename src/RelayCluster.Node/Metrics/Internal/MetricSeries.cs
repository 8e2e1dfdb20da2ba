namespace RelayCluster.Node.Metrics.Internal;

/// <summary>One labelled series of a metric family: a value, or the buckets, sum and count of a histogram.</summary>
internal sealed class MetricSeries(KeyValuePair<string, string>[] labels, string labelText, int buckets)
{
    /// <summary>The labels in the order the instrument gave them.</summary>
    public KeyValuePair<string, string>[] Labels { get; } = labels;

    /// <summary>The labels as written, <c>{rule="a",upstream="b"}</c>, or empty without labels.</summary>
    public string LabelText { get; } = labelText;

    /// <summary>The value of a counter or gauge.</summary>
    public double Value { get; set; }

    /// <summary>Observations per bucket, not cumulative; the last one is above every bound.</summary>
    public long[] BucketCounts { get; } = new long[buckets];

    /// <summary>The sum of a histogram's observations.</summary>
    public double Sum { get; set; }

    /// <summary>The number of a histogram's observations.</summary>
    public long Count { get; set; }

    /// <summary>Counts one observation of a histogram with bucket upper bounds <paramref name="bounds"/>.</summary>
    public void Observe(double value, double[] bounds)
    {
        var index = 0;
        while (index < bounds.Length && value > bounds[index])
        {
            index++;
        }

        BucketCounts[index]++;
        Sum += value;
        Count++;
    }
}
