using System.Diagnostics.CodeAnalysis;
using RelayCluster.Hocon.Internal;

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

    /// <summary>The value at the dotted <paramref name="path"/> (quoted elements keep their dots: <c>a."b.c"</c>), or null; a malformed path is a <see cref="HoconException"/>.</summary>
    public HoconValue? GetPath(string path) => TryGetPath(path, out var value) ? value : null;

    /// <summary>Finds the value at the dotted <paramref name="path"/>; false when some element of the path is missing or not an object.</summary>
    public bool TryGetPath(string path, [NotNullWhen(true)] out HoconValue? value)
    {
        ArgumentNullException.ThrowIfNull(path);
        value = this;
        foreach (var key in PathExpression.Parse(path))
        {
            value = (value as HoconObject)?[key];
            if (value is null)
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>One key of an object, where the key was (last) written, and its value.</summary>
public sealed record HoconField(string Key, HoconPosition KeyPosition, HoconValue Value);
