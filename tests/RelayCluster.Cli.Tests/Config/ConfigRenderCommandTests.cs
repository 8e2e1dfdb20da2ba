using System.Text.Json;

namespace RelayCluster.Cli.Tests.Config;

public sealed class ConfigRenderCommandTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Render_ResolvesSubstitutionsAndKeepsNumbers()
    {
        var file = _files.Write("relay.hocon", """
            ports { game = 27015 }
            relay.rules.game { listen = "0.0.0.0:"${ports.game}, session.max = 500 }
            """);

        var (exitCode, output, _) = await CliRun.RunAsync(["config", "render", file]);

        Assert.Equal(0, exitCode);
        using var document = JsonDocument.Parse(output);
        var game = document.RootElement.GetProperty("relay").GetProperty("rules").GetProperty("game");
        Assert.Equal("0.0.0.0:27015", game.GetProperty("listen").GetString());
        Assert.Equal(JsonValueKind.Number, game.GetProperty("session").GetProperty("max").ValueKind);
        Assert.Equal(500, game.GetProperty("session").GetProperty("max").GetInt32());
    }

    [Fact]
    public async Task Render_Overlays_AreMergedInOrder()
    {
        var file = _files.Write("relay.hocon", "relay.log { level = info, format = text }");
        var first = _files.Write("a.hocon", "relay.log.level = debug");
        var second = _files.Write("b.hocon", "relay.log.format = json");

        var (_, output, _) = await CliRun.RunAsync(["config", "render", file, "--config", first, "--config", second]);

        using var document = JsonDocument.Parse(output);
        var log = document.RootElement.GetProperty("relay").GetProperty("log");
        Assert.Equal(("debug", "json"), (log.GetProperty("level").GetString(), log.GetProperty("format").GetString()));
    }

    [Fact]
    public async Task Render_SyntaxError_PrintsPositionAndExitsOne()
    {
        var file = _files.Write("relay.hocon", "relay {\n  log { level = }\n");

        var (exitCode, output, error) = await CliRun.RunAsync(["config", "render", file]);

        Assert.Equal(1, exitCode);
        Assert.Empty(output);
        Assert.StartsWith($"{file}:2:", error, StringComparison.Ordinal);
    }
}
