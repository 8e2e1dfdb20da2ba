using Microsoft.Extensions.Configuration;

namespace RelayCluster.Hocon;

/// <summary>
/// Loads a HOCON file into configuration keys: objects become <c>a:b:c</c>, array elements <c>a:0</c>, <c>a:1</c>.
/// Includes are found relative to the file; only the file itself is watched for changes. A failed first load throws;
/// a failed reload keeps the last good values and reports the error to <see cref="FileConfigurationSource.OnLoadException"/>.
/// </summary>
public sealed class HoconConfigurationProvider(HoconConfigurationSource source) : FileConfigurationProvider(source)
{
    private bool _loaded;

    /// <inheritdoc />
    public override void Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var source = (HoconConfigurationSource)Source;
        var fileName = source.FileProvider?.GetFileInfo(source.Path ?? string.Empty).PhysicalPath ?? source.Path ?? "<stream>";
        using var reader = new StreamReader(stream);
        HoconObject root;
        try
        {
            root = HoconParser.Parse(reader.ReadToEnd(), fileName, source.ParseOptions);
        }
        catch (HoconException error) when (_loaded)
        {
            // A bad edit of a running node's file must not wipe its configuration.
            source.OnLoadException?.Invoke(new FileLoadExceptionContext { Provider = this, Exception = error, Ignore = true });
            return;
        }

        Data = HoconFlattener.Flatten(root);
        _loaded = true;
    }
}
