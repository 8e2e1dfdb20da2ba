using System.Runtime.CompilerServices;
using System.Text;

namespace RelayCluster.Hocon.Internal;

/// <summary>
/// Resolves substitutions lazily: a value is first resolved "shallowly" (to an object, array or scalar whose children may
/// still hold substitutions) and memoized, so a substitution only resolves the part of the tree its path goes through.
/// </summary>
internal sealed partial class Resolver
{
    private readonly ObjectNode _root;
    private readonly HoconParseOptions _options;
    private readonly Dictionary<Node, Node> _resolved = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Node, int> _inProgress = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(MergeNode, int), Node> _resolvedLayers = [];
    private readonly Dictionary<MergeNode, Stack<int>> _activeLayers = new(ReferenceEqualityComparer.Instance);
    private readonly List<SubstitutionNode> _chain = [];

    private Resolver(ObjectNode root, HoconParseOptions options)
    {
        _root = root;
        _options = options;
    }

    public static HoconObject Resolve(ObjectNode root, HoconParseOptions options) =>
        (HoconObject)new Resolver(root, options).ResolveDeep(root)!;

    /// <summary>Resolves <paramref name="node"/> to an object, array, scalar or <see cref="UndefinedNode"/>.</summary>
    private Node ResolveShallow(Node node)
    {
        switch (node)
        {
            case ObjectNode or ArrayNode or ScalarNode or UndefinedNode:
                return node;
            case MergeNode merge:
                return ResolveLayers(merge, merge.Layers.Count - 1);
        }

        if (_resolved.TryGetValue(node, out var done))
        {
            return done;
        }

        if (_inProgress.ContainsKey(node))
        {
            throw new HoconException(node.Position, "substitution cycle: this value refers back to itself");
        }

        EnsureStack(node.Position);
        _inProgress[node] = _chain.Count;
        Node result;
        try
        {
            result = node switch
            {
                SubstitutionNode substitution => ResolveSubstitution(substitution),
                ConcatNode concat => ResolveConcat(concat),
                _ => throw new InvalidOperationException($"Unexpected node {node.GetType().Name}."),
            };
        }
        finally
        {
            _inProgress.Remove(node);
        }

        _resolved[node] = result;
        return result;
    }

    /// <summary>
    /// Resolves the layers of <paramref name="merge"/> up to <paramref name="top"/>: going down from the top, objects collect
    /// until a layer that is not an object ends the stack; undefined layers (missing optional substitutions) are skipped.
    /// </summary>
    private Node ResolveLayers(MergeNode merge, int top)
    {
        if (top < 0)
        {
            return UndefinedNode.Instance;
        }

        if (_resolvedLayers.TryGetValue((merge, top), out var done))
        {
            return done;
        }

        EnsureStack(merge.Position);
        var objects = new List<ObjectNode>();
        Node result = UndefinedNode.Instance;
        for (var i = top; i >= 0; i--)
        {
            if (i < top && _resolvedLayers.TryGetValue((merge, i), out var below))
            {
                result = below;
                break;
            }

            var value = ResolveLayer(merge, i);
            if (value is ObjectNode obj)
            {
                objects.Add(obj);
            }
            else if (value is not UndefinedNode)
            {
                result = value;
                break;
            }
        }

        for (var i = objects.Count - 1; i >= 0; i--)
        {
            result = result is ObjectNode older ? Merger.MergeObjects(older, objects[i]) : objects[i];
        }

        _resolvedLayers[(merge, top)] = result;
        return result;
    }

    /// <summary>Resolves one layer; while it resolves, a self-reference to the merged key sees only the layers below it.</summary>
    private Node ResolveLayer(MergeNode merge, int index)
    {
        if (!_activeLayers.TryGetValue(merge, out var active))
        {
            active = new Stack<int>();
            _activeLayers[merge] = active;
        }

        active.Push(index);
        try
        {
            return ResolveShallow(merge.Layers[index]);
        }
        finally
        {
            active.Pop();
        }
    }

    private Node ResolveConcat(ConcatNode concat)
    {
        var values = concat.Parts.Select(part => part is WhitespaceNode ? part : ResolveShallow(part)).ToList();
        var defined = Enumerable.Range(0, values.Count).Where(i => values[i] is not (WhitespaceNode or UndefinedNode)).ToList();
        if (defined.Count == 0)
        {
            return UndefinedNode.Instance;
        }

        var first = values[defined[0]];
        foreach (var i in defined)
        {
            if (ValueKinds.Category(values[i]) != ValueKinds.Category(first))
            {
                throw concat.AppendPath is { } path
                    ? new HoconException(concat.Position, $"'+=' appends to an array, but '{PathBuilder.Render(path)}' is {ValueKinds.Describe(first)}")
                    : new HoconException(concat.Parts[i].Position,
                        $"cannot concatenate {ValueKinds.Describe(first)} with {ValueKinds.Describe(values[i])}; values written side by side must be all strings, all arrays or all objects");
            }
        }

        switch (first)
        {
            case ObjectNode:
                var merged = (ObjectNode)first;
                foreach (var i in defined.Skip(1))
                {
                    merged = Merger.MergeObjects(merged, (ObjectNode)values[i]);
                }

                return merged;
            case ArrayNode:
                var items = new List<Node>();
                foreach (var i in defined)
                {
                    items.AddRange(((ArrayNode)values[i]).Items);
                    CheckSize(items.Count, concat.Position, "an array");
                }

                return new ArrayNode(concat.Position, items);
            default:
                var text = new StringBuilder();
                foreach (var value in values)
                {
                    text.Append(value switch
                    {
                        WhitespaceNode whitespace => whitespace.Text,
                        ScalarNode scalar => scalar.Text,
                        _ => string.Empty,
                    });
                    CheckSize(text.Length, concat.Position, "a string");
                }

                return new ScalarNode(HoconKind.String, text.ToString(), concat.Position);
        }
    }

    private void CheckSize(long size, HoconPosition position, string what)
    {
        if (size > _options.MaxInputLength)
        {
            throw new HoconException(position, $"substitutions make {what} longer than {_options.MaxInputLength} (MaxInputLength)");
        }
    }

    private static void EnsureStack(HoconPosition position)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new HoconException(position, "substitutions are nested too deeply to resolve");
        }
    }
}
