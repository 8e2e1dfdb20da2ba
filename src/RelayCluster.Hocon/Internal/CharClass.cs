namespace RelayCluster.Hocon.Internal;

/// <summary>The spec's character classes: whitespace and the characters forbidden in unquoted text.</summary>
internal static class CharClass
{
    public static bool IsWhitespace(char c) =>
        char.IsWhiteSpace(c) || c is '\uFEFF' or '\u001C' or '\u001D' or '\u001E' or '\u001F';

    public static bool IsForbiddenInUnquoted(char c) => c is '$' or '"' or '{' or '}' or '[' or ']' or ':' or '=' or ','
        or '+' or '#' or '`' or '^' or '?' or '!' or '@' or '*' or '&' or '\\';

    /// <summary>Characters that are forbidden in unquoted text and have no meaning of their own anywhere.</summary>
    public static bool IsReserved(char c) => c is '`' or '^' or '?' or '!' or '@' or '*' or '&' or '\\';
}
