using RelayCluster.Hocon;

namespace RelayCluster.Cli.Config;

/// <summary>
/// Hides secrets in a rendered config: the value of every key that names one (<c>relay.node.admin.token</c>, and any
/// key whose name has a word token, password, passphrase or secret) becomes <c>"&lt;redacted&gt;"</c>. A null or empty
/// value stays as it is, so the output still shows whether a secret is set.
/// </summary>
internal static class SecretRedaction
{
    /// <summary>What a secret's value is replaced with.</summary>
    public const string Redacted = "<redacted>";

    private static readonly string[] s_secretWords = ["token", "password", "passphrase", "secret"];

    /// <summary>Whether <paramref name="key"/> names a secret: a word of it (split at <c>-</c>, <c>_</c> and <c>.</c>) ends in token, password, passphrase or secret, or their plurals.</summary>
    public static bool IsSecretKey(string key) =>
        key.Split(['-', '_', '.'], StringSplitOptions.RemoveEmptyEntries)
            .Select(word => word.ToUpperInvariant().TrimEnd('S'))
            .Any(word => s_secretWords.Any(secret => word.EndsWith(secret.ToUpperInvariant().TrimEnd('S'), StringComparison.Ordinal)));

    /// <summary>A copy of <paramref name="value"/> with every secret's value replaced.</summary>
    public static HoconValue Redact(HoconValue value) => value switch
    {
        HoconObject obj => new HoconObject(obj.Fields.Select(Redact), obj.Position),
        HoconArray array => new HoconArray(array.Items.Select(Redact).ToList(), array.Position),
        _ => value,
    };

    private static HoconField Redact(HoconField field)
    {
        if (!IsSecretKey(field.Key) || field.Value is HoconScalar { Kind: HoconKind.Null } or HoconScalar { Text.Length: 0 })
        {
            return field with { Value = Redact(field.Value) };
        }

        return field with { Value = new HoconScalar(HoconKind.String, Redacted, field.Value.Position) };
    }
}
