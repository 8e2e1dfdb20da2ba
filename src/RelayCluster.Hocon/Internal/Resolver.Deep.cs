namespace RelayCluster.Hocon.Internal;

internal sealed partial class Resolver
{
    private readonly Dictionary<Node, (HoconValue Value, long Size)> _values = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<Node> _valuesInProgress = new(ReferenceEqualityComparer.Instance);
    private int _depth;

    /// <summary>Resolves <paramref name="node"/> and everything under it; null when it is undefined.</summary>
    private HoconValue? ResolveDeep(Node node) => ResolveSized(node)?.Value;

    private (HoconValue Value, long Size)? ResolveSized(Node node)
    {
        var value = ResolveShallow(node);
        switch (value)
        {
            case UndefinedNode:
                return null;
            case ScalarNode scalar:
                return (new HoconScalar(scalar.Kind, scalar.Text, scalar.Position), 1);
        }

        if (_values.TryGetValue(value, out var done))
        {
            return done;
        }

        if (!_valuesInProgress.Add(value))
        {
            throw new HoconException(value.Position, $"substitution cycle: the {(value is ObjectNode ? "object" : "array")} that starts here contains itself");
        }

        _depth++;
        try
        {
            if (_depth > _options.MaxDepth)
            {
                throw new HoconException(value.Position, $"substitutions nest objects and arrays more than {_options.MaxDepth} levels deep (MaxDepth)");
            }

            EnsureStack(value.Position);
            var result = value is ObjectNode obj ? ResolveObject(obj) : ResolveArray((ArrayNode)value);
            CheckSize(result.Size, value.Position, "the configuration (counting every value)");
            _values[value] = result;
            return result;
        }
        finally
        {
            _depth--;
            _valuesInProgress.Remove(value);
        }
    }

    private (HoconValue Value, long Size) ResolveObject(ObjectNode node)
    {
        var fields = new List<HoconField>(node.Count);
        long size = 1;
        foreach (var key in node.Keys)
        {
            var field = node[key];
            if (ResolveSized(field.Value) is { } resolved)
            {
                fields.Add(new HoconField(key, field.KeyPosition, resolved.Value));
                size += resolved.Size;
            }
        }

        return (new HoconObject(fields, node.Position), size);
    }

    private (HoconValue Value, long Size) ResolveArray(ArrayNode node)
    {
        var items = new List<HoconValue>(node.Items.Count);
        long size = 1;
        foreach (var item in node.Items)
        {
            if (ResolveSized(item) is { } resolved)
            {
                items.Add(resolved.Value);
                size += resolved.Size;
            }
        }

        return (new HoconArray(items, node.Position), size);
    }
}
