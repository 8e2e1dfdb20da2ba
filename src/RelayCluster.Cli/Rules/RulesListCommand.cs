using RelayCluster.Cli.Admin;
using RelayCluster.Cli.Output;
using RelayCluster.Core.Admin;

namespace RelayCluster.Cli.Rules;

/// <summary><c>relayctl rules list</c>: one row per rule.</summary>
internal sealed class RulesListCommand(CliContext context)
{
    /// <summary>Fetches <see cref="AdminRoutes.Rules"/> and writes it.</summary>
    public async Task<int> RunAsync(AdminClient client, bool json, CancellationToken cancellationToken)
    {
        var rules = await client.GetAsync<RuleListDto>(AdminRoutes.Rules, cancellationToken);
        if (json)
        {
            JsonOutput.Write(context.Output, rules);
        }
        else
        {
            Write(context.Output, rules);
        }

        return ExitCodes.Ok;
    }

    /// <summary>Writes the rules by name as a table, or <c>No rules.</c>.</summary>
    public static void Write(TextWriter output, RuleListDto rules)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Rules.Count == 0)
        {
            output.WriteLine("No rules.");
            return;
        }

        var table = new TextTable("NAME", "PROTOCOL", "LISTEN", "UPSTREAMS", "REVISION");
        foreach (var rule in rules.Rules.OrderBy(rule => rule.Name, StringComparer.Ordinal))
        {
            table.AddRow(rule.Name, rule.Protocol, rule.Listen, string.Join(", ", rule.Upstreams), rule.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        table.Write(output);
    }
}
