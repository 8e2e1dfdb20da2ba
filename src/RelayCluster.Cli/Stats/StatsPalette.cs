using System.CommandLine;
using RelayCluster.Cli.Admin;

namespace RelayCluster.Cli.Stats;

/// <summary><c>relayctl stats</c>: per-rule traffic on the node <c>--node</c> names.</summary>
internal sealed class StatsPalette : ICommandPalette
{
    /// <inheritdoc />
    public Command Build(CliContext context)
    {
        var stats = new Command("stats", "Show per-rule sessions, rates and drops");
        AdminCommand.SetAction(stats, context, (client, parseResult, cancellationToken) =>
            new StatsCommand(context).RunAsync(client, context.IsJson(parseResult), cancellationToken));
        return stats;
    }
}
