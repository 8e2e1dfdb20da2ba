using System.Globalization;

namespace RelayCluster.Bench.Common;

/// <summary>Parses durations such as <c>500ms</c>, <c>0.2s</c>, <c>10s</c>, <c>2m</c>; a bare number is seconds.</summary>
internal static class DurationParser
{
    private static readonly (string Suffix, double Seconds)[] s_units =
    [
        ("ms", 0.001),
        ("us", 0.000001),
        ("s", 1),
        ("m", 60),
        ("h", 3600),
    ];

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        var span = text.AsSpan().Trim();
        var scale = 1.0;
        foreach (var (suffix, seconds) in s_units)
        {
            if (span.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                span = span[..^suffix.Length];
                scale = seconds;
                break;
            }
        }

        if (!double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || double.IsInfinity(value))
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(value * scale);
        return true;
    }

    public static string Format(TimeSpan duration) =>
        duration.TotalSeconds >= 1
            ? duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s"
            : duration.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms";
}
