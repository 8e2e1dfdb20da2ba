using System.CommandLine;
using RelayCluster.Cli.Admin;

namespace RelayCluster.Cli.Upstreams;

/// <summary><c>relayctl upstreams</c>: each rule's upstreams, their health on every node, and their admin state.</summary>
internal sealed class UpstreamsPalette : ICommandPalette
{
    /// <inheritdoc />
    public Command Build(CliContext context)
    {
        var rule = new Argument<string?>("RULE") { Description = "Only this rule's upstreams", Arity = ArgumentArity.ZeroOrOne };
        var list = new Command("list", "List upstreams: weight, admin state, health on each node, sessions") { rule };
        AdminCommand.SetAction(list, context, (client, parseResult, cancellationToken) =>
            new UpstreamsListCommand(context).RunAsync(client, parseResult.GetValue(rule), context.IsJson(parseResult), cancellationToken));

        return new Command("upstreams", "List upstreams, or drain, enable or disable one cluster-wide")
        {
            list,
            BuildAction(context, UpstreamActionCommand.Drain, "Take no new sessions on the upstream; its sessions run on"),
            BuildAction(context, UpstreamActionCommand.Enable, "Let the upstream take sessions again"),
            BuildAction(context, UpstreamActionCommand.Disable, "Take no sessions on the upstream and close the ones it has"),
        };
    }

    private static Command BuildAction(CliContext context, string action, string description)
    {
        var rule = new Argument<string>("RULE") { Description = "The rule's name" };
        var address = new Argument<string>("ADDRESS") { Description = "The upstream's address as the rule lists it, such as 10.0.0.11:27015" };
        var command = new Command(action, description) { rule, address };
        AdminCommand.SetAction(command, context, (client, parseResult, cancellationToken) =>
            new UpstreamActionCommand(context).RunAsync(
                client, action, parseResult.GetRequiredValue(rule), parseResult.GetRequiredValue(address), context.IsJson(parseResult), cancellationToken));
        return command;
    }
}
