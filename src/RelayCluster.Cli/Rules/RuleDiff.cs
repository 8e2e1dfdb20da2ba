using System.Globalization;
using System.Text.Json;

namespace RelayCluster.Cli.Rules;

/// <summary>Compares two rules as JSON trees, field by field, so a diff names exactly what an apply changes.</summary>
internal static class RuleDiff
{
    /// <summary>Every leaf that differs from <paramref name="current"/> to <paramref name="wanted"/>, in <paramref name="wanted"/>'s key order, removed keys last.</summary>
    public static IReadOnlyList<FieldChange> Compare(JsonElement current, JsonElement wanted)
    {
        var changes = new List<FieldChange>();
        Compare("", current, wanted, changes);
        return changes;
    }

    private static void Compare(string path, JsonElement? current, JsonElement? wanted, List<FieldChange> changes)
    {
        switch (current, wanted)
        {
            case ({ ValueKind: JsonValueKind.Object } before, { ValueKind: JsonValueKind.Object } after):
                var keys = after.EnumerateObject().Select(property => property.Name)
                    .Concat(before.EnumerateObject().Select(property => property.Name))
                    .Distinct(StringComparer.Ordinal);
                foreach (var key in keys)
                {
                    Compare(path.Length == 0 ? key : $"{path}.{key}", Property(before, key), Property(after, key), changes);
                }

                break;
            case ({ ValueKind: JsonValueKind.Array } before, { ValueKind: JsonValueKind.Array } after):
                var length = Math.Max(before.GetArrayLength(), after.GetArrayLength());
                for (var i = 0; i < length; i++)
                {
                    Compare($"{path}[{i}]", Item(before, i), Item(after, i), changes);
                }

                break;
            default:
                if (!ScalarEquals(current, wanted))
                {
                    changes.Add(new FieldChange(path.Length == 0 ? "(rule)" : path, current, wanted));
                }

                break;
        }
    }

    private static JsonElement? Property(JsonElement element, string key) => element.TryGetProperty(key, out var value) ? value : null;

    private static JsonElement? Item(JsonElement array, int index) => index < array.GetArrayLength() ? array[index] : null;

    private static bool ScalarEquals(JsonElement? current, JsonElement? wanted) => (current, wanted) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        ({ } a, { } b) when a.ValueKind != b.ValueKind => false,
        ({ ValueKind: JsonValueKind.String } a, { } b) => string.Equals(a.GetString(), b.GetString(), StringComparison.Ordinal),
        ({ ValueKind: JsonValueKind.Number } a, { } b) => NumberEquals(a, b),
        ({ ValueKind: JsonValueKind.Object or JsonValueKind.Array }, _) => false,
        _ => true,
    };

    // 3, 3.0 and 3e0 are one number whichever side wrote it.
    private static bool NumberEquals(JsonElement a, JsonElement b) =>
        a.TryGetDecimal(out var x) && b.TryGetDecimal(out var y)
            ? x == y
            : double.Parse(a.GetRawText(), CultureInfo.InvariantCulture) == double.Parse(b.GetRawText(), CultureInfo.InvariantCulture);
}
