using System.CommandLine;
using RelayCluster.Cli.Admin;

namespace RelayCluster.Cli.Cluster;

/// <summary><c>relayctl cluster</c>: the members as the node sees them, pbm style.</summary>
internal sealed class ClusterPalette : ICommandPalette
{
    /// <inheritdoc />
    public Command Build(CliContext context)
    {
        var show = new Command("show", "List the members: id | admin URL | [roles] | status | reachability | version");
        AdminCommand.SetAction(show, context, (client, parseResult, cancellationToken) =>
            new ClusterShowCommand(context).RunAsync(client, context.IsJson(parseResult), cancellationToken));

        var id = new Argument<string>("NODE-ID") { Description = "The member to mark down, as cluster show lists it" };
        var down = new Command("down", "Mark a member down, so the cluster stops waiting for it") { id };
        AdminCommand.SetAction(down, context, (client, parseResult, cancellationToken) =>
            new ClusterDownCommand(context).RunAsync(client, parseResult.GetRequiredValue(id), context.IsJson(parseResult), cancellationToken));

        var tail = new Command("tail", "Print membership events as they happen, until Ctrl+C");
        AdminCommand.SetAction(tail, context, (client, parseResult, cancellationToken) =>
            new ClusterTailCommand(context).RunAsync(client, context.IsJson(parseResult), cancellationToken));

        return new Command("cluster", "Show the cluster's members, mark one down, or follow membership changes") { show, down, tail };
    }
}
