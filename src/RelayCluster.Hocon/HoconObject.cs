namespace RelayCluster.Hocon;

/// <summary>A resolved HOCON object: keys in the order they were first written, each with its value and key position.</summary>
public sealed class HoconObject : HoconValue
{
    private readonly Dictionary<string, HoconField> _fields;

    /// <summary>Creates an object from <paramref name="fields"/>, which are kept in the order given.</summary>
    public HoconObject(IEnumerable<HoconField> fields, HoconPosition position)
        : base(position)
    {
        Fields = fields.ToList();
        _fields = new Dictionary<string, HoconField>(StringComparer.Ordinal);
        foreach (var field in Fields)
        {
            _fields[field.Key] = field;
        }
    }

    /// <inheritdoc />
    public override HoconKind Kind => HoconKind.Object;

    /// <summary>The fields in the order their keys were first written.</summary>
    public IReadOnlyList<HoconField> Fields { get; }

    /// <summary>The field with key <paramref name="key"/> (a single key, not a path), or null.</summary>
    public HoconField? GetField(string key) => _fields.GetValueOrDefault(key);

    /// <summary>The value at <paramref name="key"/> (a single key, not a path), or null.</summary>
    public HoconValue? this[string key] => _fields.TryGetValue(key, out var field) ? field.Value : null;
}

/// <summary>One key of an object, where the key was (last) written, and its value.</summary>
public sealed record HoconField(string Key, HoconPosition KeyPosition, HoconValue Value);
