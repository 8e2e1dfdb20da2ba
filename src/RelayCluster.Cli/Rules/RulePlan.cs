using System.Text.Json;
using RelayCluster.Core.Admin;

namespace RelayCluster.Cli.Rules;

/// <summary>What <c>rules apply</c> does to one rule of its file.</summary>
/// <param name="Rule">The rule as the file has it.</param>
/// <param name="Change"><c>created</c>, <c>updated</c> or <c>unchanged</c>, the words of <see cref="RuleWriteDto.Change"/>.</param>
/// <param name="Revision">The revision the rule has in the cluster now; null for a new rule.</param>
/// <param name="Fields">The fields that differ, for an updated rule.</param>
internal sealed record RulePlanEntry(RuleSource Rule, string Change, long? Revision, IReadOnlyList<FieldChange> Fields)
{
    /// <summary>Whether the node must be sent the rule.</summary>
    public bool Writes => Change != RulePlan.Unchanged;
}

/// <summary>Compares a file's rules with the cluster's: the diff <c>rules apply</c> prints, and the rules it sends.</summary>
internal static class RulePlan
{
    /// <summary>A rule the cluster does not have yet.</summary>
    public const string Created = "created";

    /// <summary>A rule whose config differs from the cluster's.</summary>
    public const string Updated = "updated";

    /// <summary>A rule that is the same in the file and in the cluster.</summary>
    public const string Unchanged = "unchanged";

    /// <summary>One entry per rule of <paramref name="wanted"/>, in the file's order; rules only in <paramref name="current"/> are not touched.</summary>
    public static IReadOnlyList<RulePlanEntry> Build(IReadOnlyList<RuleSource> wanted, RuleListDto current)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        ArgumentNullException.ThrowIfNull(current);
        var byName = current.Rules.ToDictionary(rule => rule.Name, StringComparer.Ordinal);
        return wanted.Select(rule =>
        {
            if (!byName.TryGetValue(rule.Name, out var existing))
            {
                return new RulePlanEntry(rule, Created, null, []);
            }

            using var document = JsonDocument.Parse(rule.Json);
            var fields = RuleDiff.Compare(existing.Config, document.RootElement.Clone());
            return new RulePlanEntry(rule, fields.Count == 0 ? Unchanged : Updated, existing.Revision, fields);
        }).ToList();
    }

    /// <summary>The diff lines of <paramref name="entry"/>: <c>+ rule NAME (new)</c>, <c>~ rule NAME</c> and its fields, or <c>= rule NAME (unchanged)</c>.</summary>
    public static IEnumerable<string> Lines(RulePlanEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        switch (entry.Change)
        {
            case Created:
                yield return $"+ rule {entry.Rule.Name} (new)";
                break;
            case Updated:
                yield return $"~ rule {entry.Rule.Name}";
                foreach (var field in entry.Fields)
                {
                    yield return field.ToString();
                }

                break;
            default:
                yield return $"= rule {entry.Rule.Name} (unchanged)";
                break;
        }
    }
}
