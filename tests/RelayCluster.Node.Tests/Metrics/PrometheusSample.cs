namespace RelayCluster.Node.Tests.Metrics;

/// <summary>One sample line of a Prometheus text exposition: name, labels in written order, value.</summary>
internal sealed record PrometheusSample(string Name, IReadOnlyList<KeyValuePair<string, string>> Labels, double Value)
{
    public string? Label(string name) => Labels.FirstOrDefault(label => label.Key == name).Value;

    /// <summary>The series identity: name and labels sorted by name.</summary>
    public string SeriesKey =>
        Name + "{" + string.Join(",", Labels.OrderBy(label => label.Key, StringComparer.Ordinal).Select(label => $"{label.Key}={label.Value}")) + "}";

    public bool Matches(string name, (string Name, string Value)[] labels) =>
        Name == name && labels.All(wanted => Label(wanted.Name) == wanted.Value);
}
