namespace RelayCluster.Hocon.Internal;

/// <summary>Parses a path expression given as text, such as <c>relay.rules."game.eu".port</c>.</summary>
internal static class PathExpression
{
    public static string[] Parse(string text)
    {
        var lexer = new Lexer(text, "<path>");
        var builder = new PathBuilder();
        string? pendingWhitespace = null;
        while (true)
        {
            var token = lexer.Next();
            switch (token.Kind)
            {
                case TokenKind.End:
                    return builder.Finish(token.Position);
                case TokenKind.Whitespace:
                    pendingWhitespace = builder.IsEmpty ? null : token.Text;
                    continue;
                case TokenKind.QuotedString or TokenKind.UnquotedText or TokenKind.Number:
                    if (pendingWhitespace is not null)
                    {
                        builder.AppendWhitespace(pendingWhitespace);
                        pendingWhitespace = null;
                    }

                    if (token.Kind == TokenKind.QuotedString)
                    {
                        builder.AppendQuoted(token.Text);
                    }
                    else
                    {
                        builder.AppendUnquoted(token.Text, token.Position);
                    }

                    continue;
                default:
                    throw new HoconException(token.Position, $"expected a path such as a.b.\"c.d\", found {token.Describe()}");
            }
        }
    }
}
