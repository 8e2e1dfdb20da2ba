using RelayCluster.Hocon;

namespace RelayCluster.Core.Configuration;

/// <summary>
/// Reads one HOCON object of the config. Every key a binder asks for becomes a known key, so a
/// record's keys are listed exactly once: in the binder's reads. Keys nobody asked for are reported
/// as unknown when the bind finishes, with the closest known key as a hint.
/// </summary>
internal sealed partial class ConfigSection
{
    private readonly BindContext _context;
    private readonly HoconObject? _value;
    private readonly List<string> _known = [];

    public ConfigSection(BindContext context, string path, HoconObject? value, HoconPosition position)
    {
        _context = context;
        _value = value;
        Path = path;
        Position = position;
    }

    /// <summary>The section's key path, as in <c>relay.rules.game</c>.</summary>
    public string Path { get; }

    /// <summary>Where the section's key was written (or its parent's, when the section is not written); messages about missing keys point here.</summary>
    public HoconPosition Position { get; }

    /// <summary>The bind this section belongs to.</summary>
    public BindContext Context => _context;

    /// <summary>The path of <paramref name="key"/> in this section.</summary>
    public string PathOf(string key) => $"{Path}.{key}";

    /// <summary>Reports an error about <paramref name="key"/>.</summary>
    public void Error(HoconPosition position, string key, string message) => _context.Error(position, PathOf(key), message);

    /// <summary>Marks <paramref name="key"/> as known and returns its field; null when it is not written or is null.</summary>
    public HoconField? Field(string key)
    {
        if (!_known.Contains(key))
        {
            _known.Add(key);
            _context.NoteKey(PathOf(key));
        }

        var field = _value?.GetField(key);
        return field is null || field.Value.Kind == HoconKind.Null ? null : field;
    }

    /// <summary>The object at <paramref name="key"/> as a section; an empty one when it is not written or is not an object.</summary>
    public ConfigSection Section(string key)
    {
        var field = Field(key);
        if (field is null)
        {
            return _context.Section(PathOf(key), null, Position);
        }

        if (field.Value is HoconObject value)
        {
            return _context.Section(PathOf(key), value, field.KeyPosition);
        }

        Error(field.Value.Position, key, $"expected an object {{ ... }}, got {BindContext.Describe(field.Value)}");
        return _context.Section(PathOf(key), null, field.KeyPosition);
    }

    /// <summary>Reports the keys written in this section that no binder asked for.</summary>
    public void ReportUnknownKeys()
    {
        if (_value is null)
        {
            return;
        }

        foreach (var field in _value.Fields)
        {
            if (!_known.Contains(field.Key))
            {
                Error(field.KeyPosition, field.Key, $"unknown key; {Suggestions.Hint(field.Key, _known, "known keys", alwaysList: false)}");
            }
        }
    }
}
