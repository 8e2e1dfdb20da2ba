using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace RelayCluster.Hocon;

/// <summary>
/// Loads several HOCON files as one configuration. The first load throws <see cref="HoconException"/>; a failed reload
/// keeps the last good values and reports the error to <see cref="HoconFilesConfigurationSource.OnReloadError"/>.
/// </summary>
public sealed class HoconFilesConfigurationProvider : ConfigurationProvider, IDisposable
{
    private readonly HoconFilesConfigurationSource _source;
    private readonly string[] _paths;
    private readonly List<PhysicalFileProvider> _watchers = [];
    private readonly List<IDisposable> _subscriptions = [];

    /// <summary>Creates the provider and, when <see cref="HoconFilesConfigurationSource.ReloadOnChange"/> is set, starts watching the files.</summary>
    public HoconFilesConfigurationProvider(HoconFilesConfigurationSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        _paths = [.. source.Paths.Select(Path.GetFullPath)];
        if (!source.ReloadOnChange)
        {
            return;
        }

        foreach (var path in _paths)
        {
            var watcher = new PhysicalFileProvider(Path.GetDirectoryName(path)!);
            _watchers.Add(watcher);
            _subscriptions.Add(ChangeToken.OnChange(() => watcher.Watch(Path.GetFileName(path)), Reload));
        }
    }

    /// <inheritdoc />
    public override void Load() => Data = HoconFlattener.Flatten(HoconParser.ParseFiles(_paths, _source.ParseOptions));

    /// <inheritdoc />
    public void Dispose()
    {
        _subscriptions.ForEach(subscription => subscription.Dispose());
        _watchers.ForEach(watcher => watcher.Dispose());
    }

    private void Reload()
    {
        Thread.Sleep(_source.ReloadDelay);
        try
        {
            Load();
        }
        catch (HoconException error)
        {
            _source.OnReloadError?.Invoke(error);
            return;
        }

        OnReload();
    }
}
