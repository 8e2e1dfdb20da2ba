namespace RelayCluster.Node.Tests.Metrics;

/// <summary>A checked exposition: each family's type and every sample, for assertions on values.</summary>
internal sealed class PrometheusExposition(IReadOnlyDictionary<string, string> types, IReadOnlyList<PrometheusSample> samples)
{
    /// <summary>Family name to <c>counter</c>, <c>gauge</c> or <c>histogram</c>.</summary>
    public IReadOnlyDictionary<string, string> Types { get; } = types;

    public IReadOnlyList<PrometheusSample> Samples { get; } = samples;

    /// <summary>The samples named <paramref name="name"/> carrying every label given.</summary>
    public IReadOnlyList<PrometheusSample> Find(string name, params (string Name, string Value)[] labels) =>
        [.. Samples.Where(sample => sample.Matches(name, labels))];

    /// <summary>The value of the one sample named <paramref name="name"/> carrying every label given.</summary>
    public double Value(string name, params (string Name, string Value)[] labels)
    {
        var found = Find(name, labels);
        Assert.True(found.Count == 1, $"Expected one sample {name} with {string.Join(",", labels)}, found {found.Count}.");
        return found[0].Value;
    }
}
