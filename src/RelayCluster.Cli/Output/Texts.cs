using System.Globalization;

namespace RelayCluster.Cli.Output;

/// <summary>How relayctl writes numbers, sizes, times and lists for people.</summary>
internal static class Texts
{
    private static readonly string[] s_byteUnits = ["B", "KiB", "MiB", "GiB", "TiB"];

    /// <summary>A count with thousands separators: <c>1,234,567</c>.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A rate per second: one decimal below 100 (<c>12.5</c>), whole numbers above (<c>1,250</c>).</summary>
    public static string Rate(double value) =>
        value.ToString(Math.Abs(value) < 100 ? "0.#" : "N0", CultureInfo.InvariantCulture);

    /// <summary>A byte count in binary units: <c>512 B</c>, <c>1.5 KiB</c>, <c>12.0 MiB</c>.</summary>
    public static string Bytes(double value)
    {
        var unit = 0;
        while (Math.Abs(value) >= 1024 && unit < s_byteUnits.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? $"{value.ToString("0", CultureInfo.InvariantCulture)} B"
            : $"{value.ToString("0.0", CultureInfo.InvariantCulture)} {s_byteUnits[unit]}";
    }

    /// <summary>A duration in its two largest units: <c>250ms</c>, <c>4.2s</c>, <c>3m 20s</c>, <c>2h 5m</c>, <c>3d 4h</c>.</summary>
    public static string Duration(TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            value = TimeSpan.Zero;
        }

        return value switch
        {
            { TotalSeconds: < 1 } => $"{(int)value.TotalMilliseconds}ms",
            { TotalSeconds: < 10 } => $"{value.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)}s",
            { TotalMinutes: < 1 } => $"{value.Seconds}s",
            { TotalHours: < 1 } => $"{value.Minutes}m {value.Seconds}s",
            { TotalDays: < 1 } => $"{value.Hours}h {value.Minutes}m",
            _ => $"{(int)value.TotalDays}d {value.Hours}h",
        };
    }

    /// <summary>An instant in UTC to the second: <c>2026-11-22T05:00:01Z</c>.</summary>
    public static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Roles as pbm writes them: <c>[game,eu]</c>, or <c>[]</c>.</summary>
    public static string Roles(IReadOnlyList<string>? roles) => $"[{string.Join(',', roles ?? [])}]";

    /// <summary>Counts by name, largest first: <c>session-limit 3, truncated 1</c>; <c>none</c> when every count is zero.</summary>
    public static string Counts(IReadOnlyDictionary<string, long>? counts)
    {
        var nonZero = (counts ?? new Dictionary<string, long>())
            .Where(pair => pair.Value != 0)
            .OrderByDescending(pair => pair.Value)
            .ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => $"{pair.Key} {Count(pair.Value)}")
            .ToList();
        return nonZero.Count == 0 ? "none" : string.Join(", ", nonZero);
    }
}
