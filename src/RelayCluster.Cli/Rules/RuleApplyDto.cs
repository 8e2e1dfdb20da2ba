namespace RelayCluster.Cli.Rules;

/// <summary>One rule in <c>rules apply --json</c>.</summary>
/// <param name="Name">The rule's name.</param>
/// <param name="Change"><c>created</c>, <c>updated</c> or <c>unchanged</c>; with a dry run, what would happen.</param>
/// <param name="Revision">The rule's revision after the apply (before it, for a dry run); absent for a rule a dry run would create.</param>
/// <param name="Fields">The fields that change, for an updated rule.</param>
internal sealed record RuleApplyItemDto(string Name, string Change, long? Revision, IReadOnlyList<FieldChange> Fields);

/// <summary>What <c>rules apply --json</c> writes: the file, whether it was a dry run, and each of its rules.</summary>
internal sealed record RuleApplyDto(string File, bool DryRun, IReadOnlyList<RuleApplyItemDto> Rules);
