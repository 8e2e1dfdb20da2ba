using System.Text;
using System.Text.RegularExpressions;

namespace RelayCluster.Hocon.Internal;

internal sealed partial class Parser
{
    private const string IncludeForms = "include \"file.conf\", include file(\"file.conf\") or include required(\"file.conf\")";

    /// <summary>Parses what follows <c>include</c> and merges the included file's fields into <paramref name="target"/>.</summary>
    private void ParseInclude(ObjectNode target, string[] objectPath, HoconPosition position)
    {
        SkipWhitespaceAndNewlines();
        var opener = new StringBuilder();
        var openerPosition = Peek().Position;
        while (Peek().Kind is TokenKind.UnquotedText or TokenKind.Whitespace)
        {
            var token = Take();
            if (token.Kind == TokenKind.UnquotedText)
            {
                opener.Append(token.Text);
            }
        }

        var nameToken = Peek();
        if (nameToken.Kind != TokenKind.QuotedString)
        {
            throw new HoconException(nameToken.Position, $"expected a quoted file name after include, as in {IncludeForms}; found {nameToken.Describe()}");
        }

        Take();
        var closers = 0;
        while (Peek().Kind is TokenKind.UnquotedText or TokenKind.Whitespace)
        {
            var token = Take();
            if (token.Kind == TokenKind.UnquotedText)
            {
                if (token.Text.Any(c => c != ')'))
                {
                    throw new HoconException(token.Position, $"unexpected '{token.Text}' after the include's file name; expected {IncludeForms}");
                }

                closers += token.Text.Length;
            }
        }

        var form = opener.ToString();
        var required = form.StartsWith("required(", StringComparison.Ordinal);
        var inner = required ? form["required(".Length..] : form;
        if (inner is not ("" or "file(" or "url(" or "classpath("))
        {
            throw new HoconException(openerPosition, $"unknown include form '{form}'; expected {IncludeForms}");
        }

        var opened = form.Count(c => c == '(');
        if (closers != opened)
        {
            throw new HoconException(Peek().Position, $"expected {opened} ')' to close '{form}' after the include's file name, found {closers}");
        }

        var name = nameToken.Text;
        if (inner == "classpath(")
        {
            throw new HoconException(position, "include classpath(...) is not supported: there is no classpath here; use include file(...) with a path relative to this file");
        }

        if (inner == "url(" || (inner.Length == 0 && LooksLikeUrl().IsMatch(name)))
        {
            throw new HoconException(position, $"including URLs is not supported ('{name}'); use include file(...) with a path relative to this file");
        }

        var included = _context.Include(name, _directory, required, position, [.. _prefix, .. objectPath], _depth);
        if (included is null)
        {
            return;
        }

        foreach (var key in included.Keys)
        {
            var field = included[key];
            target.Put(key, Merger.Merge(target.Get(key), field.Value), field.KeyPosition);
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*://")]
    private static partial Regex LooksLikeUrl();
}
