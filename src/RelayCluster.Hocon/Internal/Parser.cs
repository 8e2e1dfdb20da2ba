using System.Runtime.CompilerServices;

namespace RelayCluster.Hocon.Internal;

/// <summary>Parses one file's tokens into an unresolved tree; includes are read through the <see cref="ParseContext"/>.</summary>
internal sealed partial class Parser(Lexer lexer, ParseContext context, string directory, string[] prefix, int depth)
{
    private readonly Lexer _lexer = lexer;
    private readonly ParseContext _context = context;
    private readonly string _directory = directory;
    private readonly string[] _prefix = prefix;
    private int _depth = depth;
    private Token? _peeked;

    public ObjectNode ParseRoot()
    {
        SkipWhitespaceAndNewlines();
        var first = Peek();
        if (first.Kind == TokenKind.OpenBracket)
        {
            throw new HoconException(first.Position, "expected an object at the root of the file but found an array; a configuration file must hold an object");
        }

        if (first.Kind != TokenKind.OpenBrace)
        {
            return ParseObjectBody(first.Position, braced: false, []);
        }

        Take();
        var root = ParseObjectBody(first.Position, braced: true, []);
        SkipWhitespaceAndNewlines();
        var end = Peek();
        if (end.Kind != TokenKind.End)
        {
            throw new HoconException(end.Position,
                $"expected the end of the file after the '}}' that closes the root object opened at {At(first)}, found {end.Describe()}");
        }

        return root;
    }

    private static string At(Token token) => $"{token.Position.Line}:{token.Position.Column}";

    private Token Peek() => _peeked ??= _lexer.Next();

    private Token Take()
    {
        var token = Peek();
        _peeked = null;
        return token;
    }

    private void SkipWhitespace()
    {
        while (Peek().Kind == TokenKind.Whitespace)
        {
            Take();
        }
    }

    private void SkipWhitespaceAndNewlines()
    {
        while (Peek().Kind is TokenKind.Whitespace or TokenKind.Newline)
        {
            Take();
        }
    }

    /// <summary>Skips one separator between fields or elements: a comma, or newlines optionally followed by one comma.</summary>
    private void SkipSeparator()
    {
        if (Take().Kind == TokenKind.Comma)
        {
            return;
        }

        SkipWhitespaceAndNewlines();
        if (Peek().Kind == TokenKind.Comma)
        {
            Take();
        }
    }

    private void Enter(HoconPosition position, int levels = 1)
    {
        if (_depth + levels > _context.Options.MaxDepth)
        {
            throw new HoconException(position,
                $"objects and arrays are nested more than {_context.Options.MaxDepth} levels deep (MaxDepth)");
        }

        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new HoconException(position, "objects and arrays are nested too deeply to parse");
        }

        _depth += levels;
    }

    private void Exit(int levels = 1) => _depth -= levels;

    private ObjectNode ParseObjectBody(HoconPosition open, bool braced, string[] objectPath)
    {
        Enter(open);
        var node = new ObjectNode(open);
        while (true)
        {
            SkipWhitespaceAndNewlines();
            var token = Peek();
            switch (token.Kind)
            {
                case TokenKind.End when braced:
                    throw new HoconException(token.Position,
                        $"expected '}}' to close the object opened at {open.Line}:{open.Column} but reached the end of the file");
                case TokenKind.End:
                    Exit();
                    return node;
                case TokenKind.CloseBrace when braced:
                    Take();
                    Exit();
                    return node;
                case TokenKind.CloseBrace:
                    throw new HoconException(token.Position, "unexpected '}': there is no open '{' for it to close");
                case TokenKind.CloseBracket:
                    throw new HoconException(token.Position, braced
                        ? $"unexpected ']': expected a key or '}}' to close the object opened at {open.Line}:{open.Column}"
                        : "unexpected ']': there is no open '[' for it to close");
                case TokenKind.Comma:
                    throw new HoconException(token.Position, "unexpected ',': expected a key (a comma may only follow a field)");
            }

            var key = ParseField(node, objectPath);
            SkipWhitespace();
            var after = Peek();
            switch (after.Kind)
            {
                case TokenKind.Comma or TokenKind.Newline:
                    SkipSeparator();
                    break;
                case TokenKind.End or TokenKind.CloseBrace or TokenKind.CloseBracket:
                    break;
                default:
                    var hint = after.Kind is TokenKind.Colon or TokenKind.Equals ? "; put a value containing ':' or '=' in double quotes" : string.Empty;
                    throw new HoconException(after.Position,
                        $"expected ',' or a newline after the value of '{key}', found {after.Describe()}{hint}");
            }
        }
    }

    /// <summary>Parses one field or include into <paramref name="target"/> and returns how to name it in messages.</summary>
    private string ParseField(ObjectNode target, string[] objectPath)
    {
        var first = Peek();
        if (first.Kind == TokenKind.UnquotedText && first.Text == "include")
        {
            Take();
            ParseInclude(target, objectPath, first.Position);
            return "include";
        }

        var path = ParseKey();
        var name = PathBuilder.Render(path);
        SkipWhitespaceAndNewlines();
        var separator = Peek();
        var append = separator.Kind == TokenKind.PlusEquals;
        if (separator.Kind is TokenKind.Colon or TokenKind.Equals or TokenKind.PlusEquals)
        {
            Take();
            SkipWhitespaceAndNewlines();
        }
        else if (separator.Kind != TokenKind.OpenBrace)
        {
            throw new HoconException(separator.Position,
                $"expected ':', '=', '+=' or '{{' after the key '{name}', found {separator.Describe()}");
        }

        Enter(first.Position, path.Length - 1);
        string[] fieldPath = [.. objectPath, .. path];
        var valueStart = Peek();
        var value = ParseValue(fieldPath)
            ?? throw new HoconException(valueStart.Position, $"expected a value for the key '{name}', found {valueStart.Describe()}");
        Exit(path.Length - 1);
        if (append)
        {
            Append(target, path, fieldPath, value, first.Position);
        }
        else
        {
            Merger.SetPath(target, path, value, first.Position);
        }

        return name;
    }

    private string[] ParseKey()
    {
        var builder = new PathBuilder();
        string? pendingWhitespace = null;
        var started = false;
        while (true)
        {
            var token = Peek();
            switch (token.Kind)
            {
                case TokenKind.Whitespace:
                    Take();
                    pendingWhitespace = started ? token.Text : null;
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

                    Take();
                    started = true;
                    continue;
                case TokenKind.Substitution:
                    throw new HoconException(token.Position, "substitutions are not allowed in keys; a key is a path such as a.b.\"c\"");
                default:
                    if (!started)
                    {
                        throw new HoconException(token.Position, $"expected a key, found {token.Describe()}");
                    }

                    return builder.Finish(token.Position);
            }
        }
    }

    /// <summary><c>a += x</c> is <c>a = ${?a} [x]</c>; appending to an array written earlier in the same file is done right away.</summary>
    private void Append(ObjectNode target, string[] path, string[] fieldPath, Node value, HoconPosition keyPosition)
    {
        switch (Merger.Find(target, path))
        {
            case ArrayNode array:
                array.Items.Add(value);
                return;
            case ConcatNode { AppendPath: not null } concat when concat.Parts[^1] is ArrayNode pending:
                pending.Items.Add(value);
                return;
        }

        string[] selfPath = [.. _prefix, .. fieldPath];
        var self = new SubstitutionNode(selfPath, isOptional: true, prefix: [], keyPosition);
        var appended = new ConcatNode([self, new ArrayNode(value.Position, [value])], keyPosition) { AppendPath = selfPath };
        Merger.SetPath(target, path, appended, keyPosition);
    }
}
