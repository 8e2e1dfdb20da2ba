using RelayCluster.Cli.Admin;
using RelayCluster.Cli.Output;
using RelayCluster.Core.Admin;

namespace RelayCluster.Cli.Rules;

/// <summary><c>relayctl rules delete NAME</c>: removes the rule from the cluster.</summary>
internal sealed class RulesDeleteCommand(CliContext context)
{
    /// <summary>Deletes <see cref="AdminRoutes.Rule"/> and says so.</summary>
    public async Task<int> RunAsync(AdminClient client, string name, bool json, CancellationToken cancellationToken)
    {
        var written = await client.DeleteAsync<RuleWriteDto>(AdminRoutes.Rule(name), cancellationToken);
        if (json)
        {
            JsonOutput.Write(context.Output, written);
        }
        else
        {
            context.Output.WriteLine($"{written.Change} {written.Name} (revision {written.Revision})");
        }

        return ExitCodes.Ok;
    }
}
