using System.Globalization;
using System.Text.Json;

namespace RelayCluster.Hocon.Tests;

/// <summary>Lightbend's equivalence suite (vendored in Conformance/): every .conf and .json beside an original.json must parse to the same tree.</summary>
public class ConformanceTests
{
    private const string MissingSuite = "<suite not found>";

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        var suite = FindSuite();
        if (suite is null)
        {
            data.Add(MissingSuite);
            return data;
        }

        foreach (var directory in Directory.GetDirectories(suite, "equiv*").Order(StringComparer.Ordinal))
        {
            // Only the files directly in equivNN are equivalents; subdirectories hold files that they include.
            foreach (var file in Directory.GetFiles(directory).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(file);
                if (name != "original.json" && (name.EndsWith(".conf", StringComparison.Ordinal) || name.EndsWith(".json", StringComparison.Ordinal)))
                {
                    data.Add(Path.GetRelativePath(suite, file));
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Parse_EquivalentFile_MatchesOriginalJson(string file)
    {
        var suite = FindSuite();
        Assert.True(file != MissingSuite && suite is not null,
            "The HOCON conformance suite was not found: expected Conformance/ beside the test assembly (copied from the test project at build).");

        var path = Path.Combine(suite!, file);
        var original = Path.Combine(Path.GetDirectoryName(path)!, "original.json");
        using var expected = JsonDocument.Parse(File.ReadAllText(original));
        var actual = HoconParser.ParseFile(path, Hocon.NoEnvironment());

        AssertSame(expected.RootElement, actual, "$");
    }

    // The suite is vendored in Conformance/ (Lightbend's test resources, Apache-2.0) and copied beside the assembly.
    private static string? FindSuite()
    {
        var suite = Path.Combine(AppContext.BaseDirectory, "Conformance");
        return Directory.Exists(suite) ? suite : null;
    }

    private static void AssertSame(JsonElement expected, HoconValue actual, string path)
    {
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = Assert.IsType<HoconObject>(actual);
                var expectedKeys = expected.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
                var actualKeys = obj.Fields.Select(f => f.Key).Order(StringComparer.Ordinal).ToList();
                Assert.True(expectedKeys.SequenceEqual(actualKeys),
                    $"{path}: expected keys [{string.Join(", ", expectedKeys)}] but found [{string.Join(", ", actualKeys)}]");
                foreach (var property in expected.EnumerateObject())
                {
                    AssertSame(property.Value, obj[property.Name]!, $"{path}.{property.Name}");
                }

                break;
            case JsonValueKind.Array:
                var array = Assert.IsType<HoconArray>(actual);
                Assert.True(expected.GetArrayLength() == array.Items.Count,
                    $"{path}: expected {expected.GetArrayLength()} elements but found {array.Items.Count}");
                var i = 0;
                foreach (var item in expected.EnumerateArray())
                {
                    AssertSame(item, array.Items[i], $"{path}[{i}]");
                    i++;
                }

                break;
            case JsonValueKind.Number:
                var number = Assert.IsType<HoconScalar>(actual);
                Assert.True(number.Kind == HoconKind.Number, $"{path}: expected a number but found {number.Kind} '{number.Text}'");
                Assert.Equal(expected.GetDecimal(), decimal.Parse(number.Text, NumberStyles.Float, CultureInfo.InvariantCulture));
                break;
            default:
                var scalar = Assert.IsType<HoconScalar>(actual);
                var (kind, text) = expected.ValueKind switch
                {
                    JsonValueKind.String => (HoconKind.String, expected.GetString()!),
                    JsonValueKind.True => (HoconKind.Boolean, "true"),
                    JsonValueKind.False => (HoconKind.Boolean, "false"),
                    _ => (HoconKind.Null, "null"),
                };
                Assert.True(kind == scalar.Kind && text == scalar.Text,
                    $"{path}: expected {kind} '{text}' but found {scalar.Kind} '{scalar.Text}'");
                break;
        }
    }
}
