using System.Diagnostics;
using System.Runtime.InteropServices;
using RelayCluster.Node.Cluster;

namespace RelayCluster.Cli.Tests.Live;

/// <summary>relayctl as its own process against a live node, for what only a process has: signals.</summary>
public sealed class LiveRelayctlProcessTests : IAsyncLifetime
{
    private const int SigInt = 2;
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(30);
    private LiveNode _node = null!;

    public async Task InitializeAsync() => _node = await LiveNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task ClusterTail_CtrlC_ExitsZero()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { RelayctlProcessTests.RelayctlPath(), "--node", _node.Url, "cluster", "tail" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        try
        {
            var error = process.StandardError.ReadToEndAsync();
            var firstLine = process.StandardOutput.ReadLineAsync();
            var deadline = DateTime.UtcNow + s_deadline;
            while (!firstLine.IsCompleted)
            {
                Assert.True(DateTime.UtcNow < deadline && !process.HasExited, $"cluster tail printed nothing: {(process.HasExited ? await error : "")}");
                _node.Host.Cluster.Events.Publish([new MemberEvent("reachable", _node.Host.Backplane.View.Members.Single(), DateTimeOffset.UtcNow)]);
                await Task.WhenAny(firstLine, Task.Delay(100));
            }

            Assert.Contains($"reachable {LiveNode.Id} | ", await firstLine, StringComparison.Ordinal);
            Assert.Equal(0, Kill(process.Id, SigInt));
            using var exit = new CancellationTokenSource(s_deadline);
            await process.WaitForExitAsync(exit.Token);

            Assert.Equal(0, process.ExitCode);
            Assert.Empty(await error);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
