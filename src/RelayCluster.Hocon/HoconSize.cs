using RelayCluster.Hocon.Internal;

namespace RelayCluster.Hocon;

/// <summary>Reads sizes in bytes in the HOCON units format: <c>512</c>, <c>10kB</c> (powers of ten), <c>64K</c> or <c>64KiB</c> (powers of two).</summary>
public static class HoconSize
{
    private static readonly Dictionary<string, decimal> s_bytesPerUnit = BuildUnits();

    /// <summary>Parses <paramref name="text"/> as a byte count; a bare number is bytes, fractions are truncated.</summary>
    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        if (text is null || !UnitText.TryParse(text, out var number, out var unit))
        {
            return false;
        }

        if (!s_bytesPerUnit.TryGetValue(unit.Length == 0 ? "B" : unit, out var bytesPerUnit))
        {
            return false;
        }

        try
        {
            var total = decimal.Truncate(number * bytesPerUnit);
            if (total > long.MaxValue || total < long.MinValue)
            {
                return false;
            }

            bytes = (long)total;
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    private static Dictionary<string, decimal> BuildUnits()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal) { ["B"] = 1, ["b"] = 1, ["byte"] = 1, ["bytes"] = 1 };
        string[] decimalNames = ["kilo", "mega", "giga", "tera", "peta", "exa", "zetta", "yotta"];
        string[] binaryNames = ["kibi", "mebi", "gibi", "tebi", "pebi", "exbi", "zebi", "yobi"];
        const string Letters = "KMGTPEZY";
        decimal powerOfTen = 1;
        decimal powerOfTwo = 1;
        for (var i = 0; i < Letters.Length; i++)
        {
            powerOfTen *= 1000;
            powerOfTwo *= 1024;
            var upper = Letters[i].ToString();
            var lower = char.ToLowerInvariant(Letters[i]).ToString();
            units[(i == 0 ? "k" : upper) + "B"] = powerOfTen;
            units[decimalNames[i] + "byte"] = powerOfTen;
            units[decimalNames[i] + "bytes"] = powerOfTen;
            foreach (var name in new[] { upper, lower, upper + "i", upper + "iB", binaryNames[i] + "byte", binaryNames[i] + "bytes" })
            {
                units[name] = powerOfTwo;
            }
        }

        return units;
    }
}
