using RelayCluster.Hocon.Internal;

namespace RelayCluster.Hocon;

/// <summary>Reads durations in the HOCON units format: <c>500ms</c>, <c>2s</c>, <c>5 minutes</c>, <c>1.5h</c>; a bare number is milliseconds.</summary>
public static class HoconDuration
{
    private const decimal TicksPerNanosecond = 0.01m;

    private static readonly Dictionary<string, decimal> s_ticksPerUnit = BuildUnits();

    /// <summary>Parses <paramref name="text"/> as a duration; units are lowercase as the spec requires.</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (text is null || !UnitText.TryParse(text, out var number, out var unit))
        {
            return false;
        }

        if (!s_ticksPerUnit.TryGetValue(unit.Length == 0 ? "ms" : unit, out var ticksPerUnit))
        {
            return false;
        }

        try
        {
            var ticks = decimal.Round(number * ticksPerUnit, MidpointRounding.AwayFromZero);
            if (ticks > long.MaxValue || ticks < long.MinValue)
            {
                return false;
            }

            value = TimeSpan.FromTicks((long)ticks);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    private static Dictionary<string, decimal> BuildUnits()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal);
        Add(units, TicksPerNanosecond, "ns", "nano", "nanos", "nanosecond", "nanoseconds");
        Add(units, TicksPerNanosecond * 1_000, "us", "micro", "micros", "microsecond", "microseconds");
        Add(units, TimeSpan.TicksPerMillisecond, "ms", "milli", "millis", "millisecond", "milliseconds");
        Add(units, TimeSpan.TicksPerSecond, "s", "second", "seconds");
        Add(units, TimeSpan.TicksPerMinute, "m", "minute", "minutes");
        Add(units, TimeSpan.TicksPerHour, "h", "hour", "hours");
        Add(units, TimeSpan.TicksPerDay, "d", "day", "days");
        return units;
    }

    private static void Add(Dictionary<string, decimal> units, decimal ticks, params string[] names)
    {
        foreach (var name in names)
        {
            units.Add(name, ticks);
        }
    }
}
