namespace RelayCluster.Hocon.Internal;

/// <summary>An object as parsed: keys in first-written order, each with its (unresolved) value and where the key was last written.</summary>
internal sealed class ObjectNode(HoconPosition position) : Node(position)
{
    private readonly List<string> _keys = [];
    private readonly Dictionary<string, FieldNode> _fields = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Keys => _keys;

    public int Count => _keys.Count;

    public FieldNode this[string key] => _fields[key];

    public Node? Get(string key) => _fields.TryGetValue(key, out var field) ? field.Value : null;

    public void Put(string key, Node value, HoconPosition keyPosition)
    {
        if (!_fields.ContainsKey(key))
        {
            _keys.Add(key);
        }

        _fields[key] = new FieldNode(value, keyPosition);
    }
}

/// <summary>One field of an <see cref="ObjectNode"/>.</summary>
internal readonly record struct FieldNode(Node Value, HoconPosition KeyPosition);
