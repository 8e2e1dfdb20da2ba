using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using RelayCluster.Hocon;

namespace RelayCluster.Core.Configuration;

/// <summary>Typed reads: each returns the default when the key is not written, and reports a bad value before returning the default.</summary>
internal sealed partial class ConfigSection
{
    private const string DurationExample = "a duration such as 500ms or 2s";
    private const string SizeExample = "a size such as 2048 or 64KiB";

    /// <summary>The text of a string, number or boolean at <paramref name="key"/>; null when not written or not a scalar.</summary>
    public string? String(string key)
    {
        var field = Field(key);
        if (field is null)
        {
            return null;
        }

        if (TryGetText(field.Value, out var text))
        {
            return text;
        }

        Error(field.Value.Position, key, $"expected a string, got {BindContext.Describe(field.Value)}");
        return null;
    }

    /// <summary>An integer from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public int Int(string key, int defaultValue, int min, int max) => (int)Long(key, defaultValue, min, max);

    /// <summary>An integer from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public long Long(string key, long defaultValue, long min, long max)
    {
        var field = Field(key);
        if (field is null)
        {
            return defaultValue;
        }

        if (TryGetText(field.Value, out var text)
            && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            && value >= min && value <= max)
        {
            return value;
        }

        Error(field.Value.Position, key, $"expected an integer {RangeText(min, max)}, got {BindContext.Describe(field.Value)}");
        return defaultValue;
    }

    /// <summary>A duration; a bare number is milliseconds, as HOCON says. Zero is accepted only when <paramref name="allowZero"/>.</summary>
    public TimeSpan Duration(string key, TimeSpan defaultValue, bool allowZero = false)
    {
        var field = Field(key);
        if (field is null)
        {
            return defaultValue;
        }

        if (!TryGetDuration(field.Value, out var value))
        {
            Error(field.Value.Position, key, $"expected {DurationExample}, got {BindContext.Describe(field.Value)}");
            return defaultValue;
        }

        if (value < TimeSpan.Zero || (value == TimeSpan.Zero && !allowZero))
        {
            Error(field.Value.Position, key, $"must be {(allowZero ? "0 or more" : "greater than 0")}, got {BindContext.Describe(field.Value)}");
            return defaultValue;
        }

        return value;
    }

    /// <summary>A size in bytes from <paramref name="min"/> to <paramref name="max"/>; a bare number is bytes.</summary>
    public long Size(string key, long defaultValue, long min, long max)
    {
        var field = Field(key);
        if (field is null)
        {
            return defaultValue;
        }

        if (!TryGetSize(field.Value, out var value))
        {
            Error(field.Value.Position, key, $"expected {SizeExample}, got {BindContext.Describe(field.Value)}");
            return defaultValue;
        }

        if (value < min || value > max)
        {
            Error(field.Value.Position, key, $"expected a size {RangeText(min, max)} bytes, got {BindContext.Describe(field.Value)}");
            return defaultValue;
        }

        return value;
    }

    /// <summary>One of an enum's config names, such as <c>tcp-connect</c>.</summary>
    public TEnum Enum<TEnum>(string key, TEnum defaultValue)
        where TEnum : struct, Enum =>
        Enum(key, out TEnum? value) ? value.Value : defaultValue;

    /// <summary>One of an enum's config names; false when not written or not valid (which is reported).</summary>
    public bool Enum<TEnum>(string key, [NotNullWhen(true)] out TEnum? value)
        where TEnum : struct, Enum
    {
        value = null;
        var text = OneOf(key, EnumNames<TEnum>.Names, "value");
        if (text is null || !EnumNames<TEnum>.TryParse(text, out var parsed))
        {
            return false;
        }

        value = parsed;
        return true;
    }

    /// <summary>One of <paramref name="allowed"/> (ignoring case), returned as listed; null when not written or not allowed.</summary>
    public string? OneOf(string key, IReadOnlyList<string> allowed, string what)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        var match = allowed.FirstOrDefault(name => string.Equals(name, text, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            Error(PositionOf(key), key, $"unknown {what} '{text}'; {Suggestions.Hint(text, allowed.ToList(), "allowed", alwaysList: true)}");
        }

        return match;
    }

    /// <summary>An IP address and port such as <c>0.0.0.0:27015</c> or <c>[::]:27015</c>; null when not written or not valid.</summary>
    public IPEndPoint? EndPoint(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (AddressSyntax.TryParseEndPoint(text, out var endPoint, out var reason))
        {
            return endPoint;
        }

        Error(PositionOf(key), key, $"expected an IP address and port such as 0.0.0.0:27015 or [::]:27015, got '{text}' ({reason})");
        return null;
    }

    /// <summary>Where the value at <paramref name="key"/> was written, or where the section was when it is not written.</summary>
    public HoconPosition PositionOf(string key) => Field(key)?.Value.Position ?? Position;

    /// <summary>The items of the array at <paramref name="key"/>, with their paths; empty when not written or not an array.</summary>
    public IReadOnlyList<(HoconValue Value, string Path)> Items(string key)
    {
        var field = Field(key);
        if (field is null)
        {
            return [];
        }

        if (field.Value is not HoconArray array)
        {
            Error(field.Value.Position, key, $"expected an array [ ... ], got {BindContext.Describe(field.Value)}");
            return [];
        }

        return array.Items
            .Select((item, index) => (item, $"{PathOf(key)}[{index}]"))
            .Where(entry => entry.item.Kind != HoconKind.Null)
            .ToList();
    }

    /// <summary>The array of strings at <paramref name="key"/>; items that are not strings are reported and left out.</summary>
    public IReadOnlyList<string> Strings(string key)
    {
        var strings = new List<string>();
        foreach (var (item, path) in Items(key))
        {
            if (TryGetText(item, out var text))
            {
                strings.Add(text);
            }
            else
            {
                _context.Error(item.Position, path, $"expected a string, got {BindContext.Describe(item)}");
            }
        }

        return strings;
    }

    /// <summary>The text of a string, number or boolean; HOCON lets those stand for one another.</summary>
    public static bool TryGetText(HoconValue value, [NotNullWhen(true)] out string? text)
    {
        text = value is HoconScalar { Kind: HoconKind.String or HoconKind.Number or HoconKind.Boolean } scalar ? scalar.Text : null;
        return text is not null;
    }

    private static bool TryGetDuration(HoconValue value, out TimeSpan duration)
    {
        duration = default;
        if (value is HoconScalar { Kind: HoconKind.Number } number)
        {
            if (!double.TryParse(number.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds)
                || double.IsNaN(milliseconds) || Math.Abs(milliseconds) > TimeSpan.MaxValue.TotalMilliseconds)
            {
                return false;
            }

            duration = TimeSpan.FromMilliseconds(milliseconds);
            return true;
        }

        return value is HoconScalar { Kind: HoconKind.String } text && HoconDuration.TryParse(text.Text, out duration);
    }

    private static bool TryGetSize(HoconValue value, out long size)
    {
        size = 0;
        if (value is HoconScalar { Kind: HoconKind.Number } number)
        {
            return long.TryParse(number.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out size);
        }

        return value is HoconScalar { Kind: HoconKind.String } text && HoconSize.TryParse(text.Text, out size);
    }

    private static string RangeText(long min, long max) =>
        max is int.MaxValue or long.MaxValue ? $"of {min} or more" : $"from {min} to {max}";
}
