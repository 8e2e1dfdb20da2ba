using System.Globalization;

namespace RelayCluster.Core.Configuration;

/// <summary>Writes durations the way config files do: <c>500ms</c>, <c>2s</c>, <c>10m</c>.</summary>
internal static class DurationText
{
    public static string Format(TimeSpan value) => value switch
    {
        { Ticks: 0 } => "0s",
        _ when value.Ticks % TimeSpan.TicksPerHour == 0 => Text(value.TotalHours, "h"),
        _ when value.Ticks % TimeSpan.TicksPerMinute == 0 => Text(value.TotalMinutes, "m"),
        _ when value.Ticks % TimeSpan.TicksPerSecond == 0 => Text(value.TotalSeconds, "s"),
        _ => Text(value.TotalMilliseconds, "ms"),
    };

    private static string Text(double amount, string unit) => amount.ToString("0.###", CultureInfo.InvariantCulture) + unit;
}
