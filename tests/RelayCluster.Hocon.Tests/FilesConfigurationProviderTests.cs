using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace RelayCluster.Hocon.Tests;

public sealed class FilesConfigurationProviderTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void AddHoconFiles_Overlay_MergesAndResolvesAcrossFiles()
    {
        var baseFile = _directory.Write("relay.conf", "relay { port = 7000, listen = \"0.0.0.0:\"${relay.port}, tags = [a] }");
        var overlay = _directory.Write("overlay.conf", "relay.port = 7100\nrelay.tags += b");

        var config = new ConfigurationBuilder().AddHoconFiles([baseFile, overlay]).Build();

        Assert.Equal("0.0.0.0:7100", config["relay:listen"]);
        Assert.Equal(["a", "b"], config.GetSection("relay:tags").GetChildren().Select(s => s.Value));
    }

    [Fact]
    public void AddHoconFiles_MalformedFile_ThrowsHoconException()
    {
        var baseFile = _directory.Write("relay.conf", "a = 1");
        var overlay = _directory.Write("overlay.conf", "b = ${missing}");

        var error = Assert.Throws<HoconException>(() => new ConfigurationBuilder().AddHoconFiles([baseFile, overlay]).Build());

        Assert.Equal((overlay, 1, 5), (error.Position.File, error.Position.Line, error.Position.Column));
    }

    [Fact]
    public async Task AddHoconFiles_ReloadOnChange_PicksUpOverlayChangesAndKeepsLastGoodOnError()
    {
        var baseFile = _directory.Write("relay.conf", "relay.port = 7000");
        var overlay = _directory.Write("overlay.conf", "relay.name = a");
        var errors = new TaskCompletionSource<HoconException>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var config = (ConfigurationRoot)new ConfigurationBuilder()
            .Add<HoconFilesConfigurationSource>(source =>
            {
                source.Paths = [baseFile, overlay];
                source.ReloadOnChange = true;
                source.OnReloadError = error => errors.TrySetResult(error);
            })
            .Build();
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = ChangeToken.OnChange(config.GetReloadToken, () =>
        {
            if (config["relay:port"] == "7100")
            {
                reloaded.TrySetResult();
            }
        });

        await ReplaceAsync(overlay, "relay.port = 7100");
        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await ReplaceAsync(overlay, "relay.port = [");
        var error = await errors.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal((overlay, 1, 15), (error.Position.File, error.Position.Line, error.Position.Column));
        Assert.Equal("7100", config["relay:port"]);
        Assert.Null(config["relay:name"]);
    }

    private static async Task ReplaceAsync(string path, string text)
    {
        var next = path + ".next";
        await File.WriteAllTextAsync(next, text);
        File.Move(next, path, overwrite: true);
    }
}
