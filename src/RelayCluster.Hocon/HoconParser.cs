using RelayCluster.Hocon.Internal;

namespace RelayCluster.Hocon;

/// <summary>Parses HOCON text and files into resolved <see cref="HoconObject"/> trees.</summary>
public static class HoconParser
{
    /// <summary>Parses <paramref name="text"/>; includes are found relative to the directory of <paramref name="fileName"/>.</summary>
    public static HoconObject Parse(string text, string fileName = "<string>", HoconParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        var context = new ParseContext(options ?? new HoconParseOptions());
        var root = context.ParseText(text, fileName, IncludeBaseDirectory(fileName));
        return Resolver.Resolve(root, context.Options);
    }

    /// <summary>Reads and parses the file at <paramref name="path"/>.</summary>
    public static HoconObject ParseFile(string path, HoconParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ParseFiles([path], options);
    }

    /// <summary>Parses <paramref name="paths"/> in order, merging each file over the ones before it, then resolves substitutions across all of them.</summary>
    public static HoconObject ParseFiles(IReadOnlyList<string> paths, HoconParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var context = new ParseContext(options ?? new HoconParseOptions());
        ObjectNode? merged = null;
        foreach (var path in paths)
        {
            var root = context.ParseFile(path);
            merged = merged is null ? root : (ObjectNode)Merger.Merge(merged, root);
        }

        return Resolver.Resolve(merged ?? new ObjectNode(new HoconPosition("<empty>", 1, 1)), context.Options);
    }

    private static string IncludeBaseDirectory(string fileName)
    {
        if (fileName.StartsWith('<'))
        {
            return Environment.CurrentDirectory;
        }

        try
        {
            return Path.GetDirectoryName(Path.GetFullPath(fileName)) ?? Environment.CurrentDirectory;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return Environment.CurrentDirectory;
        }
    }
}
