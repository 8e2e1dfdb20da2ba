using Microsoft.Extensions.Configuration;

namespace RelayCluster.Hocon;

/// <summary>
/// Loads a HOCON file into configuration keys: objects become <c>a:b:c</c>, array elements <c>a:0</c>, <c>a:1</c>.
/// Includes are found relative to the file; only the file itself is watched for changes.
/// </summary>
public sealed class HoconConfigurationProvider(HoconConfigurationSource source) : FileConfigurationProvider(source)
{
    /// <inheritdoc />
    public override void Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var source = (HoconConfigurationSource)Source;
        var fileName = source.FileProvider?.GetFileInfo(source.Path ?? string.Empty).PhysicalPath ?? source.Path ?? "<stream>";
        using var reader = new StreamReader(stream);
        var root = HoconParser.Parse(reader.ReadToEnd(), fileName, source.ParseOptions);
        Data = HoconFlattener.Flatten(root);
    }
}
