using System.Text;

namespace RelayCluster.Hocon.Internal;

/// <summary>
/// Builds a path from the pieces of a path expression: dots outside quotes separate elements,
/// quoted text is taken whole, and an element may only be empty when it is quoted.
/// </summary>
internal sealed class PathBuilder
{
    private readonly List<string> _elements = [];
    private readonly StringBuilder _current = new();
    private bool _currentHasContent;

    public bool IsEmpty => _elements.Count == 0 && !_currentHasContent;

    public void AppendUnquoted(string text, HoconPosition position)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '.')
            {
                EndElement(position with { Column = position.Column + i });
            }
            else
            {
                _current.Append(text[i]);
                _currentHasContent = true;
            }
        }
    }

    public void AppendQuoted(string text)
    {
        _current.Append(text);
        _currentHasContent = true;
    }

    public void AppendWhitespace(string text) => _current.Append(text);

    public string[] Finish(HoconPosition position)
    {
        if (!_currentHasContent)
        {
            throw new HoconException(position, _elements.Count == 0
                ? "expected a path but found nothing; quote an empty key as \"\""
                : "a path may not end with '.'; quote an empty last element as \"\"");
        }

        _elements.Add(_current.ToString());
        return [.. _elements];
    }

    public static string Render(IReadOnlyList<string> path)
    {
        var builder = new StringBuilder();
        foreach (var element in path)
        {
            if (builder.Length > 0)
            {
                builder.Append('.');
            }

            var plain = element.Length > 0 && element.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
            builder.Append(plain ? element : "\"" + element.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"");
        }

        return builder.ToString();
    }

    private void EndElement(HoconPosition position)
    {
        if (!_currentHasContent)
        {
            throw new HoconException(position, _elements.Count == 0
                ? "a path may not start with '.'; quote an empty first element as \"\""
                : "a path may not contain '..'; quote an empty element as \"\"");
        }

        _elements.Add(_current.ToString());
        _current.Clear();
        _currentHasContent = false;
    }
}
