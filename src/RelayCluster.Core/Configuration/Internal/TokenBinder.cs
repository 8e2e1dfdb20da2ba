using RelayCluster.Hocon;

namespace RelayCluster.Core.Configuration;

/// <summary>Binds a rule's <c>token</c> section and its upstreams' <c>tokens</c>.</summary>
internal static class TokenBinder
{
    private const string HexPrefix = "hex:";

    /// <summary>The rule's token routing; null when the rule has no <c>token</c> section (or a wrong one, which is reported).</summary>
    public static TokenConfig? Bind(ConfigSection rule, RuleProtocol? protocol)
    {
        if (rule.Field("token") is null)
        {
            return null;
        }

        var token = rule.Section("token");
        if (protocol == RuleProtocol.Tcp)
        {
            rule.Error(rule.PositionOf("token"), "token", "routes datagrams by a token in each one; a tcp rule cannot use it");
        }

        if (token.Field("length") is null)
        {
            token.Error(token.Position, "length", $"missing; set the token's length in bytes, 1 to {TokenConfig.MaxLength}");
        }

        return new TokenConfig
        {
            Position = token.Enum("position", TokenPosition.Suffix),
            Length = token.Int("length", 1, 1, TokenConfig.MaxLength),
            Strip = token.Bool("strip", true),
            Rebind = token.Bool("rebind", false),
        };
    }

    /// <summary>
    /// The tokens of the upstream <paramref name="address"/> as upper-case hex, each checked against
    /// <paramref name="config"/> and against <paramref name="owners"/>, the tokens of the rule's upstreams bound so far
    /// (which it adds to). A token is written as text (its UTF-8 bytes) or as <c>hex:0A0B...</c>.
    /// </summary>
    public static IReadOnlyList<string> BindTokens(
        BindContext context, ConfigSection upstream, TokenConfig? config, string address, Dictionary<string, string> owners)
    {
        var items = upstream.Items("tokens");
        if (items.Count > 0 && config is null)
        {
            upstream.Error(upstream.PositionOf("tokens"), "tokens", "route by token only with a token section in the rule: token { position = suffix, length = 4 }");
            return [];
        }

        var tokens = new List<string>();
        foreach (var (item, path) in items)
        {
            if (!ConfigSection.TryGetText(item, out var text))
            {
                context.Error(item.Position, path, $"expected a token string such as \"AAAA\" or \"hex:01020304\", got {BindContext.Describe(item)}");
                continue;
            }

            if (Parse(context, item.Position, path, text) is not { } bytes)
            {
                continue;
            }

            if (bytes.Length != config!.Length)
            {
                context.Error(item.Position, path, $"the token '{text}' is {bytes.Length} bytes; the rule's token.length is {config.Length}");
                continue;
            }

            var hex = Convert.ToHexString(bytes);
            if (!owners.TryAdd(hex, address))
            {
                context.Error(item.Position, path, $"the token '{text}' is listed already by '{owners[hex]}'; a token must name one upstream");
                continue;
            }

            tokens.Add(hex);
        }

        return tokens;
    }

    private static byte[]? Parse(BindContext context, HoconPosition position, string path, string text)
    {
        if (!text.StartsWith(HexPrefix, StringComparison.Ordinal))
        {
            return text.Length == 0 ? Empty(context, position, path) : System.Text.Encoding.UTF8.GetBytes(text);
        }

        var hex = text[HexPrefix.Length..];
        try
        {
            return hex.Length == 0 ? Empty(context, position, path) : Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            context.Error(position, path, $"'{text}' is not hex: write an even number of digits 0-9 and A-F after hex:");
            return null;
        }
    }

    private static byte[]? Empty(BindContext context, HoconPosition position, string path)
    {
        context.Error(position, path, "a token cannot be empty");
        return null;
    }
}
