using RelayCluster.Core.Configuration;
using RelayCluster.Core.Upstreams;

namespace RelayCluster.Node.Cluster;

public sealed partial class ClusterCoordinator
{
    private async Task ApplyViewAsync(ClusterView view, CancellationToken cancellationToken)
    {
        await ApplyRulesAsync(view, cancellationToken);
        await ApplyUpstreamStatesAsync(view, cancellationToken);
        ApplyClusterLoad(view);
        await CheckDownedAsync(view, cancellationToken);
    }

    /// <summary>Runs for every view the backplane produces, before views are coalesced for applying, so no membership step is skipped.</summary>
    private void PublishMemberEvents(IReadOnlyList<Member> members)
    {
        lock (_membersLock)
        {
            var events = MemberEvent.Between(_members, members, DateTimeOffset.UtcNow);
            _members = members;
            foreach (var change in events)
            {
                Log.MemberChanged(_logger, change.Member.Id, change.Kind, change.Member.Status, change.Member.Reachable ? "reachable" : "unreachable");
            }

            Events.Publish(events);
        }
    }

    private async Task ApplyRulesAsync(ClusterView view, CancellationToken cancellationToken)
    {
        if (view.Rules.Count == _applied.Count && view.Rules.All(rule => _applied.TryGetValue(rule.Key, out var applied) && applied.Revision == rule.Value.Revision))
        {
            return;
        }

        var rules = new List<RuleConfig>(view.Rules.Count);
        foreach (var stored in view.Rules.Values.OrderBy(rule => rule.Name, StringComparer.Ordinal))
        {
            if (_bound.Bind(stored, out var errors) is { } rule)
            {
                rules.Add(rule);
                continue;
            }

            // Writes are validated first, so this is a rule written around the node; keep running what ran before.
            Log.StoredRuleInvalid(_logger, stored.Name, stored.Revision, string.Join("; ", errors));
            if (Node.FindRule(stored.Name) is { } running)
            {
                rules.Add(running.Config);
            }
        }

        var failures = await Node.ApplyRulesAsync(rules, cancellationToken);
        foreach (var failure in failures)
        {
            Log.RuleNotApplied(_logger, failure);
        }

        _applied.Clear();
        if (failures.Count > 0)
        {
            // Left unrecorded, so the retry (an upstream name that resolves later, a port freed) applies the set again.
            _retryAt = Environment.TickCount64 + (long)s_ruleRetryInterval.TotalMilliseconds;
            return;
        }

        _retryAt = 0;
        foreach (var (name, stored) in view.Rules)
        {
            _applied[name] = stored;
        }
    }

    private async Task ApplyUpstreamStatesAsync(ClusterView view, CancellationToken cancellationToken)
    {
        foreach (var rule in Node.Rules)
        {
            foreach (var upstream in rule.Upstreams)
            {
                var wanted = view.UpstreamStates
                    .FirstOrDefault(entry => entry.Rule == rule.Name && string.Equals(entry.Address, upstream.Address, StringComparison.OrdinalIgnoreCase))
                    ?.State ?? UpstreamAdminState.Enabled;
                if (upstream.AdminState != wanted)
                {
                    await Node.SetUpstreamAdminStateAsync(rule.Name, upstream.Address, wanted, cancellationToken);
                }
            }
        }
    }

    /// <summary>Feeds the other members' last published sessions to <c>load-scope = cluster</c> balancing.</summary>
    private void ApplyClusterLoad(ClusterView view)
    {
        var counted = view.Members
            .Where(member => member.Id != Self.Id && member.Reachable && member.Status is not (MemberStatus.Down or MemberStatus.Removed))
            .Select(member => member.Id)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var rule in Node.Rules)
        {
            foreach (var upstream in rule.Upstreams)
            {
                long others = 0;
                foreach (var (node, stats) in view.Stats)
                {
                    if (!counted.Contains(node))
                    {
                        continue;
                    }

                    others += stats.Rules
                        .Where(load => load.Rule == rule.Name)
                        .SelectMany(load => load.Upstreams)
                        .Where(load => string.Equals(load.Address, upstream.Address, StringComparison.OrdinalIgnoreCase))
                        .Sum(load => load.Sessions);
                }

                upstream.ClusterSessions = others;
            }
        }
    }

    private async Task CheckDownedAsync(ClusterView view, CancellationToken cancellationToken)
    {
        var self = view.Members.FirstOrDefault(member => member.Id == Self.Id);
        if (self?.Status != MemberStatus.Down || _downed.Task.IsCompleted)
        {
            return;
        }

        _ready = false;
        _status = MemberStatus.Down;
        Log.SelfDowned(_logger, Self.Id);
        await Node.DrainAsync(TimeSpan.Zero, cancellationToken);
        _downed.TrySetResult();
    }
}
