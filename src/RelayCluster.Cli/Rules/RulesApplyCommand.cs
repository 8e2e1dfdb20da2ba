using RelayCluster.Cli.Admin;
using RelayCluster.Cli.Output;
using RelayCluster.Core.Admin;

namespace RelayCluster.Cli.Rules;

/// <summary>
/// <c>relayctl rules apply -f FILE [--dry-run]</c>: checks the file's rules as the node would, prints how each differs from the
/// cluster's, then creates or replaces the ones that differ. A replaced rule is sent with the revision it was compared with
/// (<c>If-Match</c>), so a change someone else made in between is refused instead of overwritten.
/// </summary>
internal sealed class RulesApplyCommand(CliContext context)
{
    /// <summary>Applies the rules of <paramref name="file"/>; a dry run has the node validate them and changes nothing.</summary>
    public async Task<int> RunAsync(AdminClient client, string file, bool dryRun, bool json, CancellationToken cancellationToken)
    {
        var (rules, errors) = RuleFile.Load(file);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                await context.Error.WriteLineAsync(error.ToString());
            }

            await context.Error.WriteLineAsync($"{errors.Count} error{(errors.Count == 1 ? "" : "s")}; nothing applied");
            return ExitCodes.Error;
        }

        var plan = RulePlan.Build(rules, await client.GetAsync<RuleListDto>(AdminRoutes.Rules, cancellationToken));
        if (!json)
        {
            foreach (var line in plan.SelectMany(RulePlan.Lines))
            {
                await context.Output.WriteLineAsync(line);
            }
        }

        var results = new List<RuleApplyItemDto>();
        foreach (var entry in plan)
        {
            results.Add(entry.Writes ? await WriteAsync(client, entry, dryRun, json, cancellationToken) : Item(entry, entry.Revision));
        }

        if (json)
        {
            JsonOutput.Write(context.Output, new RuleApplyDto(file, dryRun, results));
        }
        else
        {
            await context.Output.WriteLineAsync(Summary(plan, dryRun));
        }

        return ExitCodes.Ok;
    }

    /// <summary>The last line: what changed, or with a dry run what would.</summary>
    public static string Summary(IReadOnlyList<RulePlanEntry> plan, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var created = plan.Count(entry => entry.Change == RulePlan.Created);
        var updated = plan.Count(entry => entry.Change == RulePlan.Updated);
        var unchanged = plan.Count - created - updated;
        var counts = $"{created} created, {updated} updated, {unchanged} unchanged";
        return dryRun ? $"dry run: {counts} if applied; nothing was changed" : counts;
    }

    private async Task<RuleApplyItemDto> WriteAsync(AdminClient client, RulePlanEntry entry, bool dryRun, bool json, CancellationToken cancellationToken)
    {
        var route = AdminRoutes.Rule(entry.Rule.Name) + (dryRun ? "?dry-run=true" : "");
        // A new rule is written with If-Match "0" (it must not exist yet), so two operators creating it at once cannot overwrite each other.
        var written = await client.PutJsonAsync<RuleWriteDto>(route, entry.Rule.Json, entry.Revision ?? 0, cancellationToken);
        if (!json && !dryRun)
        {
            await context.Output.WriteLineAsync($"{written.Change} {written.Name} (revision {written.Revision})");
        }

        // The node's word wins: a rule that differs only in how it is written (60s and 1m) is unchanged to the node.
        return new RuleApplyItemDto(entry.Rule.Name, written.Change, dryRun ? entry.Revision : written.Revision, entry.Fields);
    }

    private static RuleApplyItemDto Item(RulePlanEntry entry, long? revision) =>
        new(entry.Rule.Name, entry.Change, revision, entry.Fields);
}
