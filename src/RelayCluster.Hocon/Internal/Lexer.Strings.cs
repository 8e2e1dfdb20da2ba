using System.Globalization;
using System.Text;

namespace RelayCluster.Hocon.Internal;

internal sealed partial class Lexer
{
    private Token Quoted()
    {
        var start = Here;
        Advance(1);
        var builder = new StringBuilder();
        while (true)
        {
            if (_index >= _text.Length || _text[_index] == '\n' || (_text[_index] == '\r' && Peek(1) == '\n'))
            {
                var end = _index >= _text.Length ? "the end of the file" : "the end of the line";
                throw new HoconException(start,
                    $"expected '\"' to close the string that starts here but reached {end}; use \\n or a triple-quoted string for multi-line text");
            }

            var c = _text[_index];
            if (c == '"')
            {
                Advance(1);
                return new Token(TokenKind.QuotedString, builder.ToString(), start);
            }

            if (c == '\\')
            {
                builder.Append(Escape());
                continue;
            }

            if (c < ' ')
            {
                throw new HoconException(Here,
                    $"the control character U+{(int)c:X4} is not allowed in a quoted string; write it as an escape such as \\t or \\u{(int)c:X4}");
            }

            builder.Append(c);
            Advance(1);
        }
    }

    private char Escape()
    {
        var position = Here;
        var c = Peek(1);
        char result;
        switch (c)
        {
            case '"': result = '"'; break;
            case '\\': result = '\\'; break;
            case '/': result = '/'; break;
            case 'b': result = '\b'; break;
            case 'f': result = '\f'; break;
            case 'n': result = '\n'; break;
            case 'r': result = '\r'; break;
            case 't': result = '\t'; break;
            case 'u':
                var hex = _index + 6 <= _text.Length ? _text.Substring(_index + 2, 4) : string.Empty;
                if (hex.Length != 4 || !hex.All(char.IsAsciiHexDigit))
                {
                    throw new HoconException(position, "bad escape: expected four hex digits after \\u, as in \\u00e9");
                }

                Advance(6);
                return (char)int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            default:
                var shown = c is '\0' or '\n' ? "end of line" : $"'\\{c}'";
                throw new HoconException(position,
                    $"bad escape {shown}: expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
        }

        Advance(2);
        return result;
    }

    /// <summary>Triple-quoted text is taken as written; a run of three or more quotes ends it and any extra quotes belong to the text.</summary>
    private Token TripleQuoted()
    {
        var start = Here;
        Advance(3);
        var contentStart = _index;
        while (_index < _text.Length)
        {
            if (_text[_index] == '"' && Peek(1) == '"' && Peek(2) == '"')
            {
                var run = 3;
                while (_index + run < _text.Length && _text[_index + run] == '"')
                {
                    run++;
                }

                var content = _text.Substring(contentStart, _index - contentStart + run - 3);
                Advance(run);
                return new Token(TokenKind.QuotedString, content, start);
            }

            Advance(1);
        }

        throw new HoconException(start, "expected '\"\"\"' to close the triple-quoted string that starts here but reached the end of the file");
    }

    private Token Substitution()
    {
        var start = Here;
        var startIndex = _index;
        if (Peek(1) != '{')
        {
            throw new HoconException(start, "'$' is only allowed to start a substitution such as ${a.b}; put text containing '$' in double quotes");
        }

        Advance(2);
        var optional = Peek(0) == '?';
        if (optional)
        {
            Advance(1);
        }

        var path = new PathBuilder();
        string? pendingWhitespace = null;
        while (true)
        {
            if (_index >= _text.Length || _text[_index] == '\n')
            {
                throw new HoconException(start, "expected '}' to close the substitution that starts here before the end of the line");
            }

            var c = _text[_index];
            if (c == '}')
            {
                var end = Here;
                Advance(1);
                return new Token(TokenKind.Substitution, _text[startIndex.._index], start)
                {
                    Path = path.Finish(end),
                    IsOptional = optional,
                };
            }

            if (CharClass.IsWhitespace(c))
            {
                pendingWhitespace += c;
                Advance(1);
                continue;
            }

            if (!path.IsEmpty && pendingWhitespace is not null)
            {
                path.AppendWhitespace(pendingWhitespace);
            }

            pendingWhitespace = null;
            if (c == '"')
            {
                path.AppendQuoted(Peek(1) == '"' && Peek(2) == '"' ? TripleQuoted().Text : Quoted().Text);
            }
            else if (CharClass.IsForbiddenInUnquoted(c) || (c == '/' && Peek(1) == '/'))
            {
                throw new HoconException(Here, $"the character '{c}' is not allowed in a substitution path; put the path element in double quotes");
            }
            else
            {
                var token = Unquoted();
                path.AppendUnquoted(token.Text, token.Position);
            }
        }
    }
}
