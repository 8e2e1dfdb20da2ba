namespace RelayCluster.Hocon.Internal;

/// <summary>The kinds of token the lexer produces.</summary>
internal enum TokenKind
{
    End,
    Newline,
    Whitespace,
    Comma,
    Colon,
    Equals,
    PlusEquals,
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    QuotedString,
    UnquotedText,
    Number,
    Substitution,
}

/// <summary>One token: its kind, its text (a quoted string's text is unescaped), where it starts, and for a substitution its path.</summary>
internal sealed class Token(TokenKind kind, string text, HoconPosition position)
{
    public TokenKind Kind { get; } = kind;

    public string Text { get; } = text;

    public HoconPosition Position { get; } = position;

    public string[] Path { get; init; } = [];

    public bool IsOptional { get; init; }

    public string Describe() => Kind switch
    {
        TokenKind.End => "the end of the file",
        TokenKind.Newline => "a newline",
        TokenKind.Whitespace => "whitespace",
        TokenKind.QuotedString => $"the quoted string \"{Shorten(Text)}\"",
        TokenKind.UnquotedText => $"'{Shorten(Text)}'",
        TokenKind.Number => $"the number {Text}",
        TokenKind.Substitution => "a substitution",
        _ => $"'{Text}'",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
