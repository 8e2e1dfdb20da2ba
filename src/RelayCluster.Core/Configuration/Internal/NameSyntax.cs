namespace RelayCluster.Core.Configuration;

/// <summary>
/// The syntax of names that end up in URLs (<c>/api/rules/{name}</c>) and backplane keys: letters,
/// digits, '-' and '_' for rules and clusters, plus '.' for node ids, which default to host names.
/// </summary>
internal static class NameSyntax
{
    public const int MaxRuleNameLength = 64;
    public const int MaxNodeIdLength = 128;

    public static bool IsRuleName(string name) => IsName(name, MaxRuleNameLength, allowDots: false);

    public static bool IsNodeId(string name) => IsName(name, MaxNodeIdLength, allowDots: true);

    private static bool IsName(string name, int maxLength, bool allowDots) =>
        name.Length > 0 && name.Length <= maxLength
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' || (allowDots && c == '.'));
}
