using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Hosting;

/// <summary>Runs the <see cref="RelayNode"/> inside the host: starts it with the host, drains it on SIGTERM/SIGINT.</summary>
internal sealed class RelayNodeService(RelayConfig config, SessionBudget budget, ILoggerFactory loggerFactory) : IHostedService
{
    private RelayNode? _node;

    public async Task StartAsync(CancellationToken cancellationToken) =>
        _node = await RelayNode.StartAsync(config, loggerFactory, budget, cancellationToken: cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_node is null)
        {
            return;
        }

        await _node.DrainAsync(config.Node.ShutdownGrace, cancellationToken);
        await _node.DisposeAsync();
    }
}
