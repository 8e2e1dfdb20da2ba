using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Cluster;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Hosting;

/// <summary>
/// Runs the <see cref="NodeHost"/> inside the host: starts it with the host, leaves the cluster gracefully on
/// SIGTERM/SIGINT or <c>relayctl node leave</c>, and stops the process with a non-zero exit when the node was downed.
/// </summary>
internal sealed class RelayNodeService(
    RelayConfig config, NodeStartup startup, SessionBudget budget, IHostApplicationLifetime lifetime, ILoggerFactory loggerFactory) : IHostedService
{
    private NodeHost? _host;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = new NodeHostOptions
        {
            Budget = budget,
            StateFile = startup.StateFile,
            RequestLeave = lifetime.StopApplication,
            Version = NodeVersion.Current,
        };
        _host = await NodeHost.StartAsync(config, startup.Seed, options, loggerFactory, cancellationToken);
        _ = _host.Cluster.Downed.ContinueWith(
            _ =>
            {
                startup.ExitCode = NodeStartup.DownedExitCode;
                lifetime.StopApplication();
            },
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnRanToCompletion,
            TaskScheduler.Default);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_host is null)
        {
            return;
        }

        await _host.LeaveAsync(cancellationToken);
    }
}

/// <summary>What the node starts from besides its config, and how it ends.</summary>
/// <param name="Seed">The config file's rules, for seeding an empty cluster.</param>
/// <param name="StateFile">Where the embedded backplane keeps runtime rule changes.</param>
internal sealed record NodeStartup(IReadOnlyList<StoredRule> Seed, string StateFile)
{
    /// <summary>The exit code of a node that an operator marked down.</summary>
    public const int DownedExitCode = 3;

    /// <summary>The process's exit code once the host has stopped.</summary>
    public int ExitCode { get; set; }

}
