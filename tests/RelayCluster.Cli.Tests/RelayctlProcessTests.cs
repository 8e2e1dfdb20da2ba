using System.Diagnostics;
using System.Text.Json;

namespace RelayCluster.Cli.Tests;

/// <summary>Runs the built relayctl as a separate process, the way operators and scripts do.</summary>
public sealed class RelayctlProcessTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task ConfigCheck_ThreeUnrelatedMistakes_PrintsAllThreeAndExitsOne()
    {
        var file = _files.Write("broken.hocon", """
            relay {
              node {
                admin { bind = "127.0.0.1:9110" }
                shutdwon-grace = 5s
              }
              rules {
                game {
                  protocol = udp
                  listen = "0.0.0.0:27O15"
                  balance = fastest-first
                  upstreams = ["10.0.0.11:27015"]
                }
              }
            }
            """);

        var (exitCode, output, _) = await RunRelayctlAsync("config", "check", file);

        Assert.Equal(1, exitCode);
        var lines = output.Trim().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal($"{file}:4:5: relay.node.shutdwon-grace: unknown key; did you mean 'shutdown-grace'?", lines[0]);
        Assert.StartsWith($"{file}:9:16: relay.rules.game.listen: expected an IP address and port", lines[1], StringComparison.Ordinal);
        Assert.StartsWith($"{file}:10:17: relay.rules.game.balance: unknown balancing policy 'fastest-first'", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigRender_RepositoryRelayHocon_PrintsJsonThatParses()
    {
        var (exitCode, output, error) = await RunRelayctlAsync("config", "render", Path.Combine(TempFiles.RepositoryRoot(), "relay.hocon"));

        Assert.True(exitCode == 0, error);
        using var document = JsonDocument.Parse(output);
        var demo = document.RootElement.GetProperty("relay").GetProperty("rules").GetProperty("demo-udp");
        Assert.Equal("127.0.0.1:7000", demo.GetProperty("listen").GetString());
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunRelayctlAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RelayctlPath());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // A node address or token from the developer's shell must not change what these commands do.
        start.Environment.Remove("RELAYCTL_NODE");
        start.Environment.Remove("RELAY_ADMIN_TOKEN");

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>relayctl.dll, copied next to the tests as a referenced project, else in the Cli project's own output.</summary>
    internal static string RelayctlPath()
    {
        var besideTests = Path.Combine(AppContext.BaseDirectory, "relayctl.dll");
        if (File.Exists(besideTests))
        {
            return besideTests;
        }

        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var inProject = Path.Combine(TempFiles.RepositoryRoot(), "src", "RelayCluster.Cli", "bin", configuration, "net10.0", "relayctl.dll");
        Assert.True(File.Exists(inProject), $"relayctl.dll is neither in {AppContext.BaseDirectory} nor at {inProject}");
        return inProject;
    }
}
