using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace RelayCluster.Hocon.Tests;

public sealed class ConfigurationProviderTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void AddHoconFile_Tree_FlattensToColonKeys()
    {
        var path = _directory.Write("relay.conf", """
            relay {
              node.id = a
              rules.game { listen = 7000, upstreams = ["10.0.0.1:7000", { address = "10.0.0.2:7000", weight = 2 }] }
              empty {}
              none = []
              nothing = null
              flag = true
            }
            """);

        var config = new ConfigurationBuilder().AddHoconFile(path).Build();

        Assert.Equal("a", config["relay:node:id"]);
        Assert.Equal("7000", config["relay:rules:game:listen"]);
        Assert.Equal("10.0.0.1:7000", config["relay:rules:game:upstreams:0"]);
        Assert.Equal("10.0.0.2:7000", config["relay:rules:game:upstreams:1:address"]);
        Assert.Equal("2", config["RELAY:RULES:GAME:UPSTREAMS:1:WEIGHT"]);
        Assert.Equal("true", config["relay:flag"]);
        Assert.Null(config["relay:nothing"]);
        Assert.Contains(config.GetSection("relay").GetChildren(), section => section.Key == "empty");
        Assert.Contains(config.GetSection("relay").GetChildren(), section => section.Key == "none");
        Assert.Equal(["10.0.0.1:7000", null], config.GetSection("relay:rules:game:upstreams").GetChildren().Select(s => s.Value));
    }

    [Fact]
    public void AddHoconFile_Includes_AreFoundBesideTheFile()
    {
        _directory.Write("conf.d/defaults.conf", "relay.node.grace = 5s");
        var path = _directory.Write("conf.d/relay.conf", "include \"defaults.conf\"\nrelay.node.id = ${?NO_SUCH_VARIABLE_HERE}b");

        var config = new ConfigurationBuilder().AddHoconFile(path).Build();

        Assert.Equal("5s", config["relay:node:grace"]);
        Assert.Equal("b", config["relay:node:id"]);
    }

    [Fact]
    public void AddHoconFile_RelativePath_UsesTheBuilderBasePath()
    {
        _directory.Write("relay.conf", "a = 1");

        var config = new ConfigurationBuilder().SetBasePath(_directory.Path).AddHoconFile("relay.conf").Build();

        Assert.Equal("1", config["a"]);
    }

    [Fact]
    public void AddHoconFile_MissingOptionalFile_IsEmpty()
    {
        var config = new ConfigurationBuilder().AddHoconFile(Path.Combine(_directory.Path, "missing.conf"), optional: true).Build();

        Assert.Empty(config.AsEnumerable());
    }

    [Fact]
    public void AddHoconFile_MissingRequiredFile_Throws() =>
        Assert.Throws<FileNotFoundException>(() =>
            new ConfigurationBuilder().AddHoconFile(Path.Combine(_directory.Path, "missing.conf")).Build());

    [Fact]
    public void AddHoconFile_MalformedFile_ThrowsWithThePositionedError()
    {
        var path = _directory.Write("bad.conf", "a {\n  b = 1");

        var error = Assert.Throws<InvalidDataException>(() => new ConfigurationBuilder().AddHoconFile(path).Build());

        var hocon = Assert.IsType<HoconException>(error.InnerException);
        Assert.Equal((path, 2, 8), (hocon.Position.File, hocon.Position.Line, hocon.Position.Column));
    }

    [Fact]
    public void AddHoconFile_ParseOptions_AreUsed()
    {
        var path = _directory.Write("relay.conf", "home = ${RELAY_HOME}");

        var config = new ConfigurationBuilder()
            .AddHoconFile(source =>
            {
                source.Path = path;
                source.ParseOptions = new HoconParseOptions { GetEnvironmentVariable = name => name == "RELAY_HOME" ? "/srv/relay" : null };
                source.ResolveFileProvider();
            })
            .Build();

        Assert.Equal("/srv/relay", config["home"]);
    }

    [Fact]
    public async Task AddHoconFile_ReloadOnChange_PicksUpTheNewContent()
    {
        var path = _directory.Write("relay.conf", "relay.listen = 7000");
        using var config = (ConfigurationRoot)new ConfigurationBuilder().AddHoconFile(path, reloadOnChange: true).Build();
        Assert.Equal("7000", config["relay:listen"]);
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = ChangeToken.OnChange(config.GetReloadToken, () =>
        {
            if (config["relay:listen"] == "7100")
            {
                reloaded.TrySetResult();
            }
        });

        await ReplaceAsync(path, "relay.listen = 7100\nrelay.extra = yes");

        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("yes", config["relay:extra"]);
    }

    [Fact]
    public async Task AddHoconFile_ReloadOfBrokenFile_KeepsLastGoodValuesAndReportsTheError()
    {
        var path = _directory.Write("relay.conf", "relay.listen = 7000");
        var errors = new List<Exception>();
        var reported = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var config = (ConfigurationRoot)new ConfigurationBuilder()
            .AddHoconFile(source =>
            {
                source.Path = path;
                source.ReloadOnChange = true;
                source.ResolveFileProvider();
                source.OnLoadException = context =>
                {
                    lock (errors)
                    {
                        errors.Add(context.Exception);
                    }

                    reported.TrySetResult();
                };
            })
            .Build();

        await ReplaceAsync(path, "relay.listen = [7100");
        await reported.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("7000", config["relay:listen"]);
        lock (errors)
        {
            var error = Assert.IsType<HoconException>(errors[0]);
            Assert.Equal((path, 1, 21), (error.Position.File, error.Position.Line, error.Position.Column));
        }
    }

    /// <summary>Replaces the file in one step, so a reload never sees it half written.</summary>
    private static async Task ReplaceAsync(string path, string text)
    {
        var next = path + ".next";
        await File.WriteAllTextAsync(next, text);
        File.Move(next, path, overwrite: true);
    }
}
