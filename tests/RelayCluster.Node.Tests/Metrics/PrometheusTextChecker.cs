using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace RelayCluster.Node.Tests.Metrics;

/// <summary>
/// A strict reader of the Prometheus text exposition format 0.0.4, stricter than Prometheus itself: every line is
/// <c># HELP name text</c>, <c># TYPE name counter|gauge|histogram</c> or <c>name{label="value",...} number</c>; each
/// family has one TYPE before its samples and its lines together; no series twice; counters end in <c>_total</c>;
/// histogram buckets are cumulative up to <c>+Inf</c>, which equals <c>_count</c>.
/// </summary>
internal static partial class PrometheusTextChecker
{
    private static readonly string[] s_histogramSuffixes = ["_bucket", "_sum", "_count"];

    public static PrometheusExposition Check(string text)
    {
        Assert.True(text.Length == 0 || text.EndsWith('\n'), "The exposition does not end with a line feed.");
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var helps = new HashSet<string>(StringComparer.Ordinal);
        var closed = new HashSet<string>(StringComparer.Ordinal);
        var series = new HashSet<string>(StringComparer.Ordinal);
        var samples = new List<PrometheusSample>();
        string? current = null;
        var lines = text.Split('\n');
        for (var number = 1; number < lines.Length; number++)
        {
            var line = lines[number - 1];
            string family;
            if (line.StartsWith('#'))
            {
                var comment = CommentLine().Match(line);
                Assert.True(comment.Success, $"line {number}: not a HELP or TYPE comment: {line}");
                family = comment.Groups["name"].Value;
                if (comment.Groups["kind"].Value == "TYPE")
                {
                    Assert.True(types.TryAdd(family, comment.Groups["text"].Value), $"line {number}: second TYPE of {family}");
                    Assert.Matches("^(counter|gauge|histogram)$", comment.Groups["text"].Value);
                }
                else
                {
                    Assert.True(helps.Add(family), $"line {number}: second HELP of {family}");
                    Assert.DoesNotMatch(@"\\([^\\n]|$)", comment.Groups["text"].Value.Replace(@"\\", "", StringComparison.Ordinal));
                }
            }
            else
            {
                var sample = ParseSample(line, number);
                family = FamilyOf(sample.Name, types) ?? throw new Xunit.Sdk.XunitException($"line {number}: sample {sample.Name} has no TYPE before it");
                Assert.True(series.Add(sample.SeriesKey), $"line {number}: duplicate series {sample.SeriesKey}");
                samples.Add(sample);
            }

            if (family != current)
            {
                Assert.False(closed.Contains(family), $"line {number}: lines of {family} are not together");
                if (current is not null)
                {
                    closed.Add(current);
                }

                current = family;
            }
        }

        foreach (var (family, type) in types)
        {
            var ofFamily = samples.Where(sample => FamilyOf(sample.Name, types) == family).ToList();
            if (type == "counter")
            {
                Assert.EndsWith("_total", family, StringComparison.Ordinal);
                Assert.All(ofFamily, sample => Assert.True(sample.Value >= 0, $"{sample.SeriesKey} is a negative counter"));
            }
            else if (type == "histogram")
            {
                CheckHistogram(family, ofFamily);
            }
        }

        return new PrometheusExposition(types, samples);
    }

    private static string? FamilyOf(string sampleName, Dictionary<string, string> types)
    {
        if (types.TryGetValue(sampleName, out var type))
        {
            return type == "histogram" ? null : sampleName;
        }

        var suffix = s_histogramSuffixes.FirstOrDefault(s => sampleName.EndsWith(s, StringComparison.Ordinal));
        var baseName = suffix is null ? null : sampleName[..^suffix.Length];
        return baseName is not null && types.GetValueOrDefault(baseName) == "histogram" ? baseName : null;
    }

    private static void CheckHistogram(string family, List<PrometheusSample> samples)
    {
        foreach (var group in samples.GroupBy(sample => Identity(sample)))
        {
            var buckets = group.Where(sample => sample.Name == family + "_bucket").ToList();
            Assert.True(buckets.Count > 0 && buckets.All(bucket => bucket.Label("le") is not null), $"{family}{group.Key}: buckets without le");
            var bounds = buckets.Select(bucket => ParseNumber(bucket.Label("le")!)).ToList();
            Assert.True(double.IsPositiveInfinity(bounds[^1]), $"{family}{group.Key}: the last bucket is not +Inf");
            for (var i = 1; i < buckets.Count; i++)
            {
                Assert.True(bounds[i] > bounds[i - 1], $"{family}{group.Key}: bucket bounds not increasing");
                Assert.True(buckets[i].Value >= buckets[i - 1].Value, $"{family}{group.Key}: buckets not cumulative at le={bounds[i]}");
            }

            var count = Assert.Single(group, sample => sample.Name == family + "_count");
            Assert.Single(group, sample => sample.Name == family + "_sum");
            Assert.True(buckets[^1].Value == count.Value, $"{family}{group.Key}: +Inf bucket {buckets[^1].Value} is not _count {count.Value}");
        }
    }

    private static string Identity(PrometheusSample sample) =>
        string.Join(",", sample.Labels.Where(label => label.Key != "le").OrderBy(label => label.Key, StringComparer.Ordinal).Select(label => $"{label.Key}={label.Value}"));

    private static PrometheusSample ParseSample(string line, int number)
    {
        var head = SampleName().Match(line);
        Assert.True(head.Success, $"line {number}: not a sample: {line}");
        var position = head.Length;
        var labels = new List<KeyValuePair<string, string>>();
        if (position < line.Length && line[position] == '{')
        {
            position++;
            while (line[position] != '}')
            {
                var name = LabelName().Match(line, position);
                Assert.True(name.Success && name.Index == position, $"line {number}: bad label name at column {position + 1}: {line}");
                position += name.Length;
                var value = new StringBuilder();
                while (line[position] != '"')
                {
                    Assert.True(line[position] != '\\' || "\\\"n".Contains(line[position + 1], StringComparison.Ordinal), $"line {number}: bad escape: {line}");
                    value.Append(line[position] == '\\' ? (line[++position] == 'n' ? '\n' : line[position]) : line[position]);
                    position++;
                }

                Assert.False(labels.Any(label => label.Key == name.Groups[1].Value), $"line {number}: label {name.Groups[1].Value} twice");
                labels.Add(new(name.Groups[1].Value, value.ToString()));
                position++;
                Assert.True(line[position] is ',' or '}', $"line {number}: expected , or }} at column {position + 1}: {line}");
                position += line[position] == ',' ? 1 : 0;
            }

            position++;
        }

        Assert.True(position < line.Length && line[position] == ' ', $"line {number}: no single space before the value: {line}");
        return new PrometheusSample(head.Value, labels, ParseNumber(line[(position + 1)..]));
    }

    private static double ParseNumber(string text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ when NumberText().IsMatch(text) => double.Parse(text, CultureInfo.InvariantCulture),
        _ => throw new Xunit.Sdk.XunitException($"not a number: '{text}'"),
    };

    [GeneratedRegex(@"^# (?<kind>HELP|TYPE) (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*) (?<text>.*)$")]
    private static partial Regex CommentLine();

    [GeneratedRegex(@"^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex SampleName();

    [GeneratedRegex(@"\G([a-zA-Z_][a-zA-Z0-9_]*)=""")]
    private static partial Regex LabelName();

    [GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$")]
    private static partial Regex NumberText();
}
