using RelayCluster.Core.Configuration;
using RelayCluster.Core.Upstreams;

namespace RelayCluster.Node.Cluster;

/// <summary>The outcome of an operator's rule change: what changed, or why nothing did.</summary>
/// <param name="Outcome">Written, Conflict, NotFound or Unavailable; Invalid changes carry <paramref name="Errors"/>.</param>
/// <param name="Change"><c>created</c>, <c>updated</c>, <c>unchanged</c> or <c>deleted</c>.</param>
/// <param name="Revision">The rule's revision after the change (or now, when nothing changed).</param>
/// <param name="Errors">Every validation error, as <c>file:line:col: message</c>; empty when the rule is valid.</param>
public sealed record RuleChangeResult(RuleWriteOutcome Outcome, string Change, long Revision, IReadOnlyList<string> Errors)
{
    /// <summary>Whether the rule failed validation.</summary>
    public bool IsInvalid => Errors.Count > 0;
}

public sealed partial class ClusterCoordinator
{
    /// <summary>
    /// Validates rule <paramref name="name"/> from <paramref name="text"/> (its object in JSON or HOCON) against the
    /// cluster's other rules and, unless <paramref name="dryRun"/>, writes it if its revision is still
    /// <paramref name="expectedRevision"/> (null: any). An invalid rule is never written.
    /// </summary>
    public async Task<RuleChangeResult> PutRuleAsync(string name, string text, long? expectedRevision, bool dryRun, CancellationToken cancellationToken)
    {
        var parsed = RuleDocuments.Parse(name, text, $"rules/{name}");
        if (!parsed.IsValid)
        {
            return new RuleChangeResult(RuleWriteOutcome.Written, "invalid", 0, parsed.Errors);
        }

        var view = Backplane.View;
        var others = view.Rules.Values
            .Where(rule => rule.Name != name)
            .Select(rule => RuleDocuments.Bind(rule, out _))
            .OfType<RuleConfig>()
            .ToList();
        var conflicts = RelayConfigLoader.FindListenConflicts([.. others, parsed.Rule!])
            .Select(error => error.ToString())
            .ToList();
        if (conflicts.Count > 0)
        {
            return new RuleChangeResult(RuleWriteOutcome.Written, "invalid", 0, conflicts);
        }

        var current = view.Rules.GetValueOrDefault(name);
        var change = current is null ? "created"
            : RuleDocuments.Bind(current, out _) is { } running && running.Equals(parsed.Rule) ? "unchanged"
            : "updated";
        if (expectedRevision is { } expected && (current?.Revision ?? 0) != expected)
        {
            return new RuleChangeResult(RuleWriteOutcome.Conflict, change, current?.Revision ?? 0, []);
        }

        if (dryRun || change == "unchanged")
        {
            return new RuleChangeResult(RuleWriteOutcome.Written, change, current?.Revision ?? 0, []);
        }

        // Without If-Match the write is unconditional: this node's view may lag the cluster's newest revision by a
        // moment, and a write that did not ask for a revision must not fail for that.
        var written = await Backplane.PutRuleAsync(name, parsed.Json, expectedRevision, cancellationToken);
        return new RuleChangeResult(written.Outcome, change, written.Revision, []);
    }

    /// <summary>Deletes rule <paramref name="name"/> cluster-wide if its revision is still <paramref name="expectedRevision"/> (null: any).</summary>
    public async Task<RuleChangeResult> DeleteRuleAsync(string name, long? expectedRevision, CancellationToken cancellationToken)
    {
        var written = await Backplane.DeleteRuleAsync(name, expectedRevision, cancellationToken);
        return new RuleChangeResult(written.Outcome, "deleted", written.Revision, []);
    }

    /// <summary>
    /// Sets the admin state of one upstream on every node; false when the cluster has no such rule or upstream.
    /// </summary>
    public async Task<bool> SetUpstreamStateAsync(string rule, string address, UpstreamAdminState state, CancellationToken cancellationToken)
    {
        if (Backplane.View.Rules.GetValueOrDefault(rule) is not { } stored
            || RuleDocuments.Bind(stored, out _) is not { } config
            || !config.Upstreams.Any(upstream => string.Equals(upstream.Address, address, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        await Backplane.SetUpstreamStateAsync(rule, address, state, cancellationToken);
        return true;
    }

    /// <summary>Marks member <paramref name="id"/> down; false when there is no such member.</summary>
    public Task<bool> DownAsync(string id, CancellationToken cancellationToken) => Backplane.DownAsync(id, cancellationToken);
}
