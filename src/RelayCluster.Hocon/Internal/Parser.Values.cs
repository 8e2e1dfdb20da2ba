using System.Text;

namespace RelayCluster.Hocon.Internal;

internal sealed partial class Parser
{
    /// <summary>Parses the values up to the end of the line, ',' or a closing bracket, concatenated; null when there is none.</summary>
    private Node? ParseValue(string[] fieldPath)
    {
        var parts = new List<Node>();
        Token? pendingWhitespace = null;
        while (true)
        {
            var token = Peek();
            switch (token.Kind)
            {
                case TokenKind.Whitespace:
                    Take();
                    pendingWhitespace = parts.Count > 0 ? token : null;
                    continue;
                case TokenKind.QuotedString or TokenKind.UnquotedText or TokenKind.Number or TokenKind.Substitution
                    or TokenKind.OpenBrace or TokenKind.OpenBracket:
                    if (pendingWhitespace is not null)
                    {
                        parts.Add(new WhitespaceNode(pendingWhitespace.Text, pendingWhitespace.Position));
                        pendingWhitespace = null;
                    }

                    parts.Add(ParsePart(fieldPath));
                    continue;
                default:
                    return parts.Count switch
                    {
                        0 => null,
                        1 => parts[0],
                        _ => Concatenate(parts),
                    };
            }
        }
    }

    private Node ParsePart(string[] fieldPath)
    {
        var token = Take();
        return token.Kind switch
        {
            TokenKind.QuotedString => new ScalarNode(HoconKind.String, token.Text, token.Position),
            TokenKind.Number => new ScalarNode(HoconKind.Number, token.Text, token.Position),
            TokenKind.UnquotedText => token.Text switch
            {
                "true" or "false" => new ScalarNode(HoconKind.Boolean, token.Text, token.Position),
                "null" => new ScalarNode(HoconKind.Null, token.Text, token.Position),
                _ => new ScalarNode(HoconKind.String, token.Text, token.Position),
            },
            TokenKind.Substitution => new SubstitutionNode(token.Path, token.IsOptional, _prefix, token.Position),
            TokenKind.OpenBrace => ParseObjectBody(token.Position, braced: true, fieldPath),
            _ => ParseArray(token.Position),
        };
    }

    private ArrayNode ParseArray(HoconPosition open)
    {
        Enter(open);
        var items = new List<Node>();
        while (true)
        {
            SkipWhitespaceAndNewlines();
            var token = Peek();
            switch (token.Kind)
            {
                case TokenKind.End:
                    throw new HoconException(token.Position,
                        $"expected ']' to close the array opened at {open.Line}:{open.Column} but reached the end of the file");
                case TokenKind.CloseBracket:
                    Take();
                    Exit();
                    return new ArrayNode(open, items);
                case TokenKind.Comma:
                    throw new HoconException(token.Position, "unexpected ',': expected an array element (a comma may only follow an element)");
            }

            items.Add(ParseValue([]) ?? throw new HoconException(token.Position,
                $"expected an array element or ']' to close the array opened at {open.Line}:{open.Column}, found {token.Describe()}"));
            SkipWhitespace();
            var after = Peek();
            switch (after.Kind)
            {
                case TokenKind.Comma or TokenKind.Newline:
                    SkipSeparator();
                    break;
                case TokenKind.CloseBracket or TokenKind.End:
                    break;
                default:
                    throw new HoconException(after.Position,
                        $"expected ',', a newline or ']' after an element of the array opened at {open.Line}:{open.Column}, found {after.Describe()}");
            }
        }
    }

    /// <summary>Joins literal parts right away; parts with substitutions are kept for the resolver.</summary>
    private static Node Concatenate(List<Node> parts)
    {
        if (parts.Any(part => part is SubstitutionNode))
        {
            return new ConcatNode(parts, parts[0].Position);
        }

        var values = parts.Where(part => part is not WhitespaceNode).ToList();
        var first = values[0];
        foreach (var value in values)
        {
            if (ValueKinds.Category(value) != ValueKinds.Category(first))
            {
                throw new HoconException(value.Position,
                    $"cannot concatenate {ValueKinds.Describe(first)} with {ValueKinds.Describe(value)}; values written side by side must be all strings, all arrays or all objects");
            }
        }

        switch (first)
        {
            case ObjectNode:
                var merged = values[0];
                foreach (var value in values.Skip(1))
                {
                    merged = Merger.Merge(merged, value);
                }

                return merged;
            case ArrayNode:
                return new ArrayNode(first.Position, [.. values.SelectMany(value => ((ArrayNode)value).Items)]);
            default:
                var text = new StringBuilder();
                foreach (var part in parts)
                {
                    text.Append(part is WhitespaceNode whitespace ? whitespace.Text : ((ScalarNode)part).Text);
                }

                return new ScalarNode(HoconKind.String, text.ToString(), first.Position);
        }
    }
}
