using System.Diagnostics;

namespace RelayCluster.Cli.Tests.Live;

/// <summary>relayctl and relay-bench as dotnet tools: packed from the build, installed from a local folder, run.</summary>
public sealed class ToolPackageTests : IDisposable
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromMinutes(3);
    private readonly string _root = Directory.CreateTempSubdirectory("relay-tools-").FullName;

    [Fact]
    public async Task Install_PackedRelayctl_ClusterShowWorksAgainstALiveNode()
    {
        await using var node = await LiveNode.StartAsync();
        var tools = await PackAndInstallAsync("RelayCluster.Cli", "relayctl");

        var (exitCode, output, error) = await RunAsync(Path.Combine(tools, "relayctl"), "--node", node.Url, "cluster", "show");

        Assert.True(exitCode == 0, output + error);
        Assert.Contains($"{LiveNode.Id} | {node.Url} | [] | up | reachable | 1.0.0", output, StringComparison.Ordinal);
        Assert.Contains("Count: 1 node", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_PackedRelayBench_RunsAsACommand()
    {
        var tools = await PackAndInstallAsync("RelayCluster.Bench", "relay-bench");

        var (exitCode, output, error) = await RunAsync(Path.Combine(tools, "relay-bench"), "--help");

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("udp-echo", output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    // Packs the project as it was built for this test run (no rebuild), then installs the package by id from that folder.
    // A private package cache keeps an earlier package of the same version from being installed instead.
    private async Task<string> PackAndInstallAsync(string project, string packageId)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var packages = Path.Combine(_root, "packages");
        var tools = Path.Combine(_root, "tools");
        var csproj = Path.Combine(TempFiles.RepositoryRoot(), "src", project, project + ".csproj");
        var pack = await RunAsync("dotnet", "pack", csproj, "-c", configuration, "--no-build", "-o", packages, "-nologo");
        Assert.True(pack.ExitCode == 0, "dotnet pack failed:\n" + pack.Output + pack.Error);
        Assert.Single(Directory.GetFiles(packages, packageId + ".*.nupkg"));

        var install = await RunAsync("dotnet", "tool", "install", "--tool-path", tools, "--add-source", packages, packageId);
        Assert.True(install.ExitCode == 0, "dotnet tool install failed:\n" + install.Output + install.Error);
        return tools;
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["NUGET_PACKAGES"] = Path.Combine(_root, "nuget-cache");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(s_deadline);
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
}
