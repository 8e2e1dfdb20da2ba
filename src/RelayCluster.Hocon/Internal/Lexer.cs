namespace RelayCluster.Hocon.Internal;

/// <summary>Turns HOCON text into tokens, keeping whitespace (it matters in concatenations) and dropping comments.</summary>
internal sealed partial class Lexer(string text, string file)
{
    private readonly string _text = text;
    private readonly string _file = file;
    private int _index;
    private int _line = 1;
    private int _column = 1;

    private HoconPosition Here => new(_file, _line, _column);

    public Token Next()
    {
        while (true)
        {
            if (_index >= _text.Length)
            {
                return new Token(TokenKind.End, string.Empty, Here);
            }

            var c = _text[_index];
            if (c == '#' || (c == '/' && Peek(1) == '/'))
            {
                SkipComment();
                continue;
            }

            return c switch
            {
                '\n' => Single(TokenKind.Newline),
                ',' => Single(TokenKind.Comma),
                ':' => Single(TokenKind.Colon),
                '=' => Single(TokenKind.Equals),
                '{' => Single(TokenKind.OpenBrace),
                '}' => Single(TokenKind.CloseBrace),
                '[' => Single(TokenKind.OpenBracket),
                ']' => Single(TokenKind.CloseBracket),
                '+' => PlusEquals(),
                '$' => Substitution(),
                '"' => Peek(1) == '"' && Peek(2) == '"' ? TripleQuoted() : Quoted(),
                _ when CharClass.IsWhitespace(c) => Whitespace(),
                _ when CharClass.IsReserved(c) => throw new HoconException(Here,
                    $"the character '{c}' is not allowed in unquoted text; put the text in double quotes"),
                _ when c == '-' || char.IsAsciiDigit(c) => NumberOrUnquoted(),
                _ => Unquoted(),
            };
        }
    }

    private char Peek(int offset) => _index + offset < _text.Length ? _text[_index + offset] : '\0';

    private void Advance(int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (_text[_index] == '\n')
            {
                _line++;
                _column = 1;
            }
            else
            {
                _column++;
            }

            _index++;
        }
    }

    private Token Single(TokenKind kind)
    {
        var token = new Token(kind, _text.Substring(_index, 1), Here);
        Advance(1);
        return token;
    }

    private Token Take(TokenKind kind, int length)
    {
        var token = new Token(kind, _text.Substring(_index, length), Here);
        Advance(length);
        return token;
    }

    private void SkipComment()
    {
        while (_index < _text.Length && _text[_index] != '\n')
        {
            Advance(1);
        }
    }

    private Token Whitespace()
    {
        var length = 0;
        while (_index + length < _text.Length && _text[_index + length] != '\n' && CharClass.IsWhitespace(_text[_index + length]))
        {
            length++;
        }

        return Take(TokenKind.Whitespace, length);
    }

    private Token PlusEquals()
    {
        if (Peek(1) != '=')
        {
            throw new HoconException(Here, "'+' is only allowed as part of '+='; put text containing '+' in double quotes");
        }

        return Take(TokenKind.PlusEquals, 2);
    }

    /// <summary>A number is the longest JSON number at this point; if none starts here the text is unquoted.</summary>
    private Token NumberOrUnquoted()
    {
        var i = _index;
        if (_text[i] == '-')
        {
            i++;
        }

        if (i >= _text.Length || !char.IsAsciiDigit(_text[i]))
        {
            return Unquoted();
        }

        i = _text[i] == '0' ? i + 1 : SkipDigits(i);
        if (i + 1 < _text.Length && _text[i] == '.' && char.IsAsciiDigit(_text[i + 1]))
        {
            i = SkipDigits(i + 1);
        }

        if (i < _text.Length && _text[i] is 'e' or 'E')
        {
            var exponent = i + 1;
            if (exponent < _text.Length && _text[exponent] is '+' or '-')
            {
                exponent++;
            }

            if (exponent < _text.Length && char.IsAsciiDigit(_text[exponent]))
            {
                i = SkipDigits(exponent);
            }
        }

        return Take(TokenKind.Number, i - _index);
    }

    private int SkipDigits(int i)
    {
        while (i < _text.Length && char.IsAsciiDigit(_text[i]))
        {
            i++;
        }

        return i;
    }

    private Token Unquoted()
    {
        var length = 0;
        while (_index + length < _text.Length)
        {
            var c = _text[_index + length];
            if (CharClass.IsWhitespace(c) || CharClass.IsForbiddenInUnquoted(c) || (c == '/' && Peek(length + 1) == '/'))
            {
                break;
            }

            length++;
        }

        return Take(TokenKind.UnquotedText, length);
    }
}
