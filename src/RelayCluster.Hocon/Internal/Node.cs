namespace RelayCluster.Hocon.Internal;

/// <summary>A value as parsed, before substitutions are resolved.</summary>
internal abstract class Node(HoconPosition position)
{
    /// <summary>Where the value was written; a merged object takes the position of its newest part.</summary>
    public HoconPosition Position { get; set; } = position;
}

/// <summary>A literal string, number, boolean or null.</summary>
internal sealed class ScalarNode(HoconKind kind, string text, HoconPosition position) : Node(position)
{
    public HoconKind Kind { get; } = kind;

    public string Text { get; } = text;
}

/// <summary>An array whose elements may still hold substitutions.</summary>
internal sealed class ArrayNode(HoconPosition position, List<Node> items) : Node(position)
{
    public List<Node> Items { get; } = items;
}

/// <summary>Whitespace between two parts of a concatenation; it only counts when the parts are joined into a string.</summary>
internal sealed class WhitespaceNode(string text, HoconPosition position) : Node(position)
{
    public string Text { get; } = text;
}

/// <summary>
/// <c>${path}</c> or <c>${?path}</c>. In an included file the path is looked up under <see cref="Prefix"/>
/// (where the file was included) first, then from the root.
/// </summary>
internal sealed class SubstitutionNode(string[] path, bool isOptional, string[] prefix, HoconPosition position) : Node(position)
{
    public string[] Path { get; } = path;

    public bool IsOptional { get; } = isOptional;

    public string[] Prefix { get; } = prefix;

    public string Render() => (IsOptional ? "${?" : "${") + PathBuilder.Render(Path) + "}";
}

/// <summary>Values written side by side that hold at least one substitution, so what they join into is known only when resolved.</summary>
internal sealed class ConcatNode(List<Node> parts, HoconPosition position) : Node(position)
{
    public List<Node> Parts { get; } = parts;

    /// <summary>For <c>a += x</c>, which becomes <c>a = ${?a} [x]</c>: the path appended to, for error messages.</summary>
    public string[]? AppendPath { get; init; }
}

/// <summary>
/// Values assigned to one key whose merge must wait for resolution (because one of them is a substitution),
/// oldest first; a self-reference in a layer sees only the layers below it.
/// </summary>
internal sealed class MergeNode(List<Node> layers) : Node(layers[^1].Position)
{
    public List<Node> Layers { get; } = layers;
}

/// <summary>The result of an optional substitution that found nothing.</summary>
internal sealed class UndefinedNode : Node
{
    private UndefinedNode()
        : base(default)
    {
    }

    public static UndefinedNode Instance { get; } = new();
}
