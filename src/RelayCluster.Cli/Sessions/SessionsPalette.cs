using System.CommandLine;
using RelayCluster.Cli.Admin;

namespace RelayCluster.Cli.Sessions;

/// <summary><c>relayctl sessions</c>: the live sessions of the node <c>--node</c> names.</summary>
internal sealed class SessionsPalette : ICommandPalette
{
    /// <inheritdoc />
    public Command Build(CliContext context)
    {
        var rule = new Option<string?>("--rule") { Description = "Only this rule's sessions", HelpName = "R" };
        var limit = new Option<int?>("--limit")
        {
            Description = "List at most N sessions [default: the node's limit]",
            HelpName = "N",
            CustomParser = result =>
            {
                if (result.Tokens is [{ Value: var text }] && int.TryParse(text, out var value) && value >= 0)
                {
                    return value;
                }

                result.AddError($"--limit expects a number of sessions, 0 or more, got '{string.Join(' ', result.Tokens.Select(token => token.Value))}'.");
                return null;
            },
        };
        var list = new Command("list", "List live sessions: rule, client, upstream, age, idle time, traffic") { rule, limit };
        AdminCommand.SetAction(list, context, (client, parseResult, cancellationToken) =>
            new SessionsListCommand(context, TimeProvider.System).RunAsync(
                client, parseResult.GetValue(rule), parseResult.GetValue(limit), context.IsJson(parseResult), cancellationToken));

        var count = new Command("count", "Count live sessions, per rule and in total");
        AdminCommand.SetAction(count, context, (client, parseResult, cancellationToken) =>
            new SessionsCountCommand(context).RunAsync(client, context.IsJson(parseResult), cancellationToken));

        return new Command("sessions", "List or count the node's live sessions") { list, count };
    }
}
