using System.Globalization;
using System.Text;

namespace RelayCluster.Hocon.Internal;

/// <summary>
/// Reads a Java properties file as the spec maps it: each key is split on '.', every value is a string,
/// and where a key is both a value and an object the object wins.
/// </summary>
internal static class PropertiesReader
{
    public static ObjectNode Read(string text, string file, int maxDepth)
    {
        var root = new ObjectNode(new HoconPosition(file, 1, 1));
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var position = new HoconPosition(file, i + 1, 1);
            var line = lines[i].TrimStart(' ', '\t', '\f');
            if (line.Length == 0 || line[0] is '#' or '!')
            {
                continue;
            }

            var logical = new StringBuilder(line);
            while (EndsWithContinuation(logical) && i + 1 < lines.Length)
            {
                logical.Length--;
                logical.Append(lines[++i].TrimStart(' ', '\t', '\f'));
            }

            if (EndsWithContinuation(logical))
            {
                logical.Length--;
            }

            var (key, value) = Split(logical.ToString(), position);
            var path = key.Split('.');
            if (path.Length > maxDepth)
            {
                throw new HoconException(position, $"the key '{key}' is nested more than {maxDepth} levels deep (MaxDepth)");
            }

            Set(root, path, new ScalarNode(HoconKind.String, value, position), position);
        }

        return root;
    }

    private static bool EndsWithContinuation(StringBuilder line)
    {
        var backslashes = 0;
        for (var i = line.Length - 1; i >= 0 && line[i] == '\\'; i--)
        {
            backslashes++;
        }

        return backslashes % 2 == 1;
    }

    private static (string Key, string Value) Split(string line, HoconPosition position)
    {
        var key = new StringBuilder();
        var i = 0;
        while (i < line.Length && line[i] is not ('=' or ':' or ' ' or '\t' or '\f'))
        {
            i = Unescape(line, i, key, position);
        }

        while (i < line.Length && line[i] is ' ' or '\t' or '\f')
        {
            i++;
        }

        if (i < line.Length && line[i] is '=' or ':')
        {
            i++;
        }

        while (i < line.Length && line[i] is ' ' or '\t' or '\f')
        {
            i++;
        }

        var value = new StringBuilder();
        while (i < line.Length)
        {
            i = Unescape(line, i, value, position);
        }

        return (key.ToString(), value.ToString());
    }

    private static int Unescape(string line, int i, StringBuilder output, HoconPosition position)
    {
        if (line[i] != '\\' || i + 1 >= line.Length)
        {
            output.Append(line[i]);
            return i + 1;
        }

        var c = line[i + 1];
        switch (c)
        {
            case 't': output.Append('\t'); break;
            case 'n': output.Append('\n'); break;
            case 'r': output.Append('\r'); break;
            case 'f': output.Append('\f'); break;
            case 'u':
                if (i + 6 > line.Length || !line.AsSpan(i + 2, 4).ToString().All(char.IsAsciiHexDigit))
                {
                    throw new HoconException(position, "bad escape in a properties file: expected four hex digits after \\u");
                }

                output.Append((char)int.Parse(line.AsSpan(i + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                return i + 6;
            default: output.Append(c); break;
        }

        return i + 2;
    }

    private static void Set(ObjectNode root, string[] path, ScalarNode value, HoconPosition position)
    {
        var current = root;
        for (var i = 0; i < path.Length - 1; i++)
        {
            if (current.Get(path[i]) is not ObjectNode next)
            {
                next = new ObjectNode(position);
                current.Put(path[i], next, position);
            }

            current = next;
        }

        if (current.Get(path[^1]) is not ObjectNode)
        {
            current.Put(path[^1], value, position);
        }
    }
}
