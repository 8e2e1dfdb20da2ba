using System.CommandLine;
using RelayCluster.Cli.Admin;

namespace RelayCluster.Cli.Node;

/// <summary><c>relayctl node</c>: the node that <c>--node</c> names.</summary>
internal sealed class NodePalette : ICommandPalette
{
    /// <inheritdoc />
    public Command Build(CliContext context)
    {
        var status = new Command("status", "Show the node: id, version, status, backplane, rules and sessions");
        AdminCommand.SetAction(status, context, (client, parseResult, cancellationToken) =>
            new NodeStatusCommand(context).RunAsync(client, context.IsJson(parseResult), cancellationToken));

        var leave = new Command("leave", "Make the node leave the cluster gracefully: stop taking sessions, drain, exit");
        AdminCommand.SetAction(leave, context, (client, parseResult, cancellationToken) =>
            new NodeLeaveCommand(context).RunAsync(client, context.IsJson(parseResult), cancellationToken));

        return new Command("node", "Show this node, or make it leave the cluster") { status, leave };
    }
}
