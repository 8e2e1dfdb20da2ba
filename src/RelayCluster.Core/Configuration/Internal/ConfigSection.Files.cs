using RelayCluster.Hocon;
using IOPath = System.IO.Path;

namespace RelayCluster.Core.Configuration;

/// <summary>Reads of switches and file paths.</summary>
internal sealed partial class ConfigSection
{
    /// <summary>A boolean: <c>true</c>/<c>false</c>, or as HOCON allows in strings, <c>yes</c>/<c>no</c> and <c>on</c>/<c>off</c>.</summary>
    public bool Bool(string key, bool defaultValue)
    {
        var field = Field(key);
        if (field is null)
        {
            return defaultValue;
        }

        if (TryGetText(field.Value, out var text))
        {
            switch (text.ToUpperInvariant())
            {
                case "TRUE" or "YES" or "ON":
                    return true;
                case "FALSE" or "NO" or "OFF":
                    return false;
            }
        }

        Error(field.Value.Position, key, $"expected true or false, got {BindContext.Describe(field.Value)}");
        return defaultValue;
    }

    /// <summary>
    /// A file path as a full path; a relative path is taken from the directory of the file where the value was written,
    /// so a config can name files beside it wherever the node was started. Null when not written or empty (reported).
    /// </summary>
    public string? FilePath(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (text.Length == 0)
        {
            Error(PositionOf(key), key, "expected a file path, got an empty string");
            return null;
        }

        var position = PositionOf(key);
        try
        {
            return IOPath.GetFullPath(text, BaseDirectory(position));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            Error(position, key, $"'{text}' is not a valid file path: {e.Message}");
            return null;
        }
    }

    private static string BaseDirectory(HoconPosition position)
    {
        // Text parsed from a string or a backplane has a made-up file name such as <string>: paths are taken from the working directory.
        if (string.IsNullOrEmpty(position.File) || position.File.StartsWith('<'))
        {
            return Environment.CurrentDirectory;
        }

        return IOPath.GetDirectoryName(IOPath.GetFullPath(position.File)) ?? Environment.CurrentDirectory;
    }
}
