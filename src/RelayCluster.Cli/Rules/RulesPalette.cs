using System.CommandLine;
using RelayCluster.Cli.Admin;

namespace RelayCluster.Cli.Rules;

/// <summary><c>relayctl rules</c>: the cluster's rules, versioned; changes reach every node.</summary>
internal sealed class RulesPalette : ICommandPalette
{
    /// <inheritdoc />
    public Command Build(CliContext context) => new("rules", "List, show, apply and delete the cluster's rules")
    {
        BuildList(context),
        BuildShow(context),
        BuildApply(context),
        BuildDelete(context),
    };

    private static Command BuildList(CliContext context)
    {
        var list = new Command("list", "List the rules: name, protocol, listen address, upstreams, revision");
        AdminCommand.SetAction(list, context, (client, parseResult, cancellationToken) =>
            new RulesListCommand(context).RunAsync(client, context.IsJson(parseResult), cancellationToken));
        return list;
    }

    private static Command BuildShow(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "The rule's name" };
        var show = new Command("show", "Show one rule's config and revision, in a form rules apply -f takes back") { name };
        AdminCommand.SetAction(show, context, (client, parseResult, cancellationToken) =>
            new RulesShowCommand(context).RunAsync(client, parseResult.GetRequiredValue(name), context.IsJson(parseResult), cancellationToken));
        return show;
    }

    private static Command BuildApply(CliContext context)
    {
        var file = new Option<string>("--file", "-f")
        {
            Description = "A HOCON file with relay.rules, in the node config's format",
            HelpName = "FILE",
            Required = true,
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show the changes and let the node validate them; change nothing" };
        var apply = new Command("apply", "Create or replace the rules a file names; other rules are left alone") { file, dryRun };
        AdminCommand.SetAction(apply, context, (client, parseResult, cancellationToken) =>
            new RulesApplyCommand(context).RunAsync(
                client, parseResult.GetRequiredValue(file), parseResult.GetValue(dryRun), context.IsJson(parseResult), cancellationToken));
        return apply;
    }

    private static Command BuildDelete(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "The rule's name" };
        var delete = new Command("delete", "Delete a rule from the cluster; its sessions end") { name };
        AdminCommand.SetAction(delete, context, (client, parseResult, cancellationToken) =>
            new RulesDeleteCommand(context).RunAsync(client, parseResult.GetRequiredValue(name), context.IsJson(parseResult), cancellationToken));
        return delete;
    }
}
