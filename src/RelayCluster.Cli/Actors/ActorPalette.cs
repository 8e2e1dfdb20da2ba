using System.CommandLine;
using RelayCluster.Cli.Admin;

namespace RelayCluster.Cli.Actors;

/// <summary><c>relayctl actor</c>: the actors of the node <c>--node</c> names.</summary>
internal sealed class ActorPalette : ICommandPalette
{
    /// <inheritdoc />
    public Command Build(CliContext context)
    {
        var hierarchy = new Command("hierarchy", "The node's actor tree: one /user/... path per line");
        AdminCommand.SetAction(hierarchy, context, (client, parseResult, cancellationToken) =>
            new ActorHierarchyCommand(context).RunAsync(client, context.IsJson(parseResult), cancellationToken));

        return new Command("actor", "Look at the node's actors") { hierarchy };
    }
}
