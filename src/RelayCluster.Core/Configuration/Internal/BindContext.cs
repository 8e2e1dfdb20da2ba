using RelayCluster.Hocon;

namespace RelayCluster.Core.Configuration;

/// <summary>One bind of a config: collects every error and every section read, so that unknown keys are reported at the end.</summary>
internal sealed class BindContext
{
    private readonly List<ConfigError> _errors = [];
    private readonly List<ConfigSection> _sections = [];
    private readonly HashSet<string> _keyPaths = new(StringComparer.Ordinal);

    /// <summary>The path of every key a binder asked for, written or not; the documentation test checks each is documented.</summary>
    public IReadOnlyCollection<string> KeyPaths => _keyPaths;

    /// <summary>Records that a binder asked for the key at <paramref name="path"/>.</summary>
    public void NoteKey(string path) => _keyPaths.Add(path);

    /// <summary>Reports that the value at <paramref name="path"/>, written at <paramref name="position"/>, is wrong.</summary>
    public void Error(HoconPosition position, string path, string message) => _errors.Add(new ConfigError(position, $"{path}: {message}"));

    /// <summary>A section whose keys are checked; <paramref name="value"/> is null when the section is not written.</summary>
    public ConfigSection Section(string path, HoconObject? value, HoconPosition position)
    {
        var section = new ConfigSection(this, path, value, position);
        _sections.Add(section);
        return section;
    }

    /// <summary>Reports the unknown keys of every section read, then returns all errors: files in order of first mention, then by line and column.</summary>
    public IReadOnlyList<ConfigError> Finish()
    {
        foreach (var section in _sections)
        {
            section.ReportUnknownKeys();
        }

        _sections.Clear();
        var fileOrder = _errors.Select(error => error.Position.File).Distinct(StringComparer.Ordinal).ToList();
        return _errors
            .OrderBy(error => fileOrder.IndexOf(error.Position.File))
            .ThenBy(error => error.Position.Line)
            .ThenBy(error => error.Position.Column)
            .ToList();
    }

    /// <summary>How a value that has the wrong shape is named in a message.</summary>
    public static string Describe(HoconValue value) => value switch
    {
        HoconObject => "an object",
        HoconArray => "an array",
        HoconScalar scalar => $"'{scalar.Text}'",
        _ => value.Kind.ToString(),
    };
}
