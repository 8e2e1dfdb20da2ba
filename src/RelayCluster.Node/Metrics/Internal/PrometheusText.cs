using System.Globalization;
using System.Text;

namespace RelayCluster.Node.Metrics.Internal;

/// <summary>Names, label values and numbers as the Prometheus text exposition format 0.0.4 writes them.</summary>
internal static class PrometheusText
{
    /// <summary>A metric name made of <c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>: any other character becomes <c>_</c>.</summary>
    public static string MetricName(string name) => Sanitize(name, allowColon: true);

    /// <summary>A label name made of <c>[a-zA-Z_][a-zA-Z0-9_]*</c>: any other character becomes <c>_</c>.</summary>
    public static string LabelName(string name) => Sanitize(name, allowColon: false);

    /// <summary>A number as Prometheus parses it: shortest round-trip form, <c>NaN</c>, <c>+Inf</c> or <c>-Inf</c>.</summary>
    public static string Number(double value) =>
        double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Writes <paramref name="text"/> as a HELP text: backslash and line feed escaped.</summary>
    public static void AppendHelp(StringBuilder output, string text)
    {
        foreach (var c in text)
        {
            _ = c switch
            {
                '\\' => output.Append(@"\\"),
                '\n' => output.Append(@"\n"),
                _ => output.Append(c),
            };
        }
    }

    /// <summary>The labels as written in a sample, <c>{a="1",b="2"}</c>, or empty when there are none.</summary>
    public static string Labels(IReadOnlyList<KeyValuePair<string, string>> labels)
    {
        if (labels.Count == 0)
        {
            return string.Empty;
        }

        var output = new StringBuilder("{");
        for (var i = 0; i < labels.Count; i++)
        {
            if (i > 0)
            {
                output.Append(',');
            }

            AppendLabel(output, labels[i].Key, labels[i].Value);
        }

        return output.Append('}').ToString();
    }

    /// <summary>Writes <c>name="value"</c> with backslash, double quote and line feed escaped in the value.</summary>
    public static void AppendLabel(StringBuilder output, string name, string value)
    {
        output.Append(name).Append("=\"");
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => output.Append(@"\\"),
                '"' => output.Append("\\\""),
                '\n' => output.Append(@"\n"),
                _ => output.Append(c),
            };
        }

        output.Append('"');
    }

    private static string Sanitize(string name, bool allowColon)
    {
        if (name.Length == 0)
        {
            return "_";
        }

        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            var valid = char.IsAsciiLetter(c) || c == '_' || (allowColon && c == ':') || (i > 0 && char.IsAsciiDigit(c));
            if (!valid)
            {
                chars[i] = '_';
            }
        }

        return new string(chars);
    }
}
