using RelayCluster.Core.Configuration;
using RelayCluster.Hocon;

namespace RelayCluster.Core.Tests.Configuration;

/// <summary>Binds configs written inline in tests.</summary>
internal static class ConfigText
{
    public const string File = "test.hocon";

    /// <summary>A valid udp rule named game, for tests that change one thing.</summary>
    public const string GameRule = """relay.rules.game { protocol = udp, listen = "0.0.0.0:27015", upstreams = ["10.0.0.11:27015"] }""";

    public static RelayConfigResult Bind(string text) => RelayConfigLoader.Bind(HoconParser.Parse(text, File));

    public static RelayConfig Valid(string text)
    {
        var result = Bind(text);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        return result.Config!;
    }

    public static IReadOnlyList<ConfigError> Errors(string text)
    {
        var result = Bind(text);
        Assert.False(result.IsValid);
        Assert.Null(result.Config);
        return result.Errors;
    }

    /// <summary>The one error of <paramref name="text"/>, which must be a single line.</summary>
    public static ConfigError SingleError(string text)
    {
        var errors = Errors(text);
        Assert.True(errors.Count == 1, $"expected one error, got:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
        return errors[0];
    }

    /// <summary>The 1-based column of <paramref name="marker"/>, which must occur once in the one-line <paramref name="text"/>.</summary>
    public static int ColumnOf(string text, string marker)
    {
        var index = text.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(index >= 0 && text.IndexOf(marker, index + 1, StringComparison.Ordinal) < 0, $"'{marker}' must occur exactly once in {text}");
        return index + 1;
    }
}
