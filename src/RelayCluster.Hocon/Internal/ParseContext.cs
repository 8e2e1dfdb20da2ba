namespace RelayCluster.Hocon.Internal;

/// <summary>What one parse shares across files: the options, the characters read so far, and the chain of files being included.</summary>
internal sealed class ParseContext(HoconParseOptions options)
{
    private static readonly string[] s_knownExtensions = [".conf", ".json", ".properties"];

    private readonly List<string> _fileChain = [];
    private long _charactersRead;

    public HoconParseOptions Options { get; } = options;

    public ObjectNode ParseText(string text, string fileName, string directory)
    {
        var start = new HoconPosition(fileName, 1, 1);
        Charge(text.Length, start);
        return ParseNested(text, fileName, directory, [], 0, isProperties: false);
    }

    public ObjectNode ParseFile(string path)
    {
        var start = new HoconPosition(path, 1, 1);
        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new HoconException(start, $"'{path}' is not a valid file path: {e.Message}");
        }

        if (!File.Exists(fullPath))
        {
            throw new HoconException(start, $"the configuration file '{path}' was not found");
        }

        var text = FileText.Read(fullPath, start, Options.MaxInputLength);
        Charge(text.Length, start);
        _fileChain.Add(fullPath);
        try
        {
            return ParseNested(text, path, Path.GetDirectoryName(fullPath)!, [], 0, IsProperties(fullPath));
        }
        finally
        {
            _fileChain.RemoveAt(_fileChain.Count - 1);
        }
    }

    /// <summary>Reads an included file (or every file sharing its basename); null when it is missing and not required.</summary>
    public ObjectNode? Include(string name, string directory, bool required, HoconPosition position, string[] prefix, int depth)
    {
        if (_fileChain.Count >= Options.MaxIncludeDepth)
        {
            throw new HoconException(position, $"includes are nested more than {Options.MaxIncludeDepth} files deep (MaxIncludeDepth)");
        }

        var candidates = Candidates(name, directory, position);
        ObjectNode? result = null;
        foreach (var candidate in candidates.Where(File.Exists))
        {
            var included = ParseIncluded(candidate, position, prefix, depth);
            result = result is null ? included : (ObjectNode)Merger.Merge(result, included);
        }

        if (result is null && required)
        {
            throw new HoconException(position, $"the required include '{name}' was not found (looked for {string.Join(", ", candidates)})");
        }

        return result;
    }

    private static List<string> Candidates(string name, string directory, HoconPosition position)
    {
        string path;
        try
        {
            path = Path.GetFullPath(Path.IsPathRooted(name) ? name : Path.Combine(directory, name));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new HoconException(position, $"'{name}' is not a valid file path to include: {e.Message}");
        }

        var extension = Path.GetExtension(path);
        if (s_knownExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase) || (extension.Length > 0 && File.Exists(path)))
        {
            return [path];
        }

        // Without a known extension every format is loaded, HOCON last so that it wins, as the spec orders them.
        return [path + ".properties", path + ".json", path + ".conf"];
    }

    private ObjectNode ParseIncluded(string fullPath, HoconPosition position, string[] prefix, int depth)
    {
        if (_fileChain.Contains(fullPath, StringComparer.Ordinal))
        {
            var cycle = string.Join(" -> ", _fileChain.SkipWhile(file => file != fullPath).Append(fullPath).Select(Path.GetFileName));
            throw new HoconException(position, $"include cycle: {cycle}");
        }

        var text = FileText.Read(fullPath, position, Options.MaxInputLength);
        Charge(text.Length, position);
        _fileChain.Add(fullPath);
        try
        {
            return ParseNested(text, fullPath, Path.GetDirectoryName(fullPath)!, prefix, depth, IsProperties(fullPath));
        }
        finally
        {
            _fileChain.RemoveAt(_fileChain.Count - 1);
        }
    }

    private ObjectNode ParseNested(string text, string fileName, string directory, string[] prefix, int depth, bool isProperties) =>
        isProperties
            ? PropertiesReader.Read(text, fileName, Options.MaxDepth - depth)
            : new Parser(new Lexer(text, fileName), this, directory, prefix, depth).ParseRoot();

    private static bool IsProperties(string path) => path.EndsWith(".properties", StringComparison.OrdinalIgnoreCase);

    private void Charge(int characters, HoconPosition position)
    {
        _charactersRead += characters;
        if (_charactersRead > Options.MaxInputLength)
        {
            throw new HoconException(position,
                $"the configuration is longer than {Options.MaxInputLength} characters in total (MaxInputLength)");
        }
    }
}
