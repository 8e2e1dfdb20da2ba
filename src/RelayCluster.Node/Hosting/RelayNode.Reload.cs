using Akka.Actor;
using RelayCluster.Core.Configuration;
using RelayCluster.Core.Upstreams;
using RelayCluster.Node.Rules;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Hosting;

public sealed partial class RelayNode
{
    /// <summary>
    /// Makes <paramref name="rules"/> the node's rule set, as a hot reload: a new rule starts, a rule no longer listed
    /// stops (its sessions end with <see cref="SessionCloseReason.RuleRemoved"/>), and a changed rule switches new
    /// sessions to its new settings while existing sessions keep their upstream, unless that upstream was removed
    /// (then they end with <see cref="SessionCloseReason.RuleChanged"/>). A change to the listen address, protocol or
    /// buffer sizes restarts the rule, ending its sessions with <see cref="SessionCloseReason.RuleChanged"/>.
    /// The set must already be valid; rules that fail to start are reported and the others still apply.
    /// </summary>
    /// <returns>One message per rule that could not start; empty when all applied.</returns>
    public async Task<IReadOnlyList<string>> ApplyRulesAsync(IReadOnlyList<RuleConfig> rules, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var failures = new List<string>();
        await _ruleChanges.WaitAsync(cancellationToken);
        try
        {
            var wanted = rules.ToDictionary(rule => rule.Name, StringComparer.Ordinal);
            foreach (var running in _rules.Where(rule => !wanted.ContainsKey(rule.Name)).ToList())
            {
                await StopRuleAsync(running, SessionCloseReason.RuleRemoved, cancellationToken);
                Log.RuleRemoved(_logger, running.Name);
            }

            foreach (var next in rules)
            {
                try
                {
                    await ApplyRuleAsync(next, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
                {
                    // The rule's position is where it was written: the config file's line for a rule from the files.
                    Log.RuleFailed(_logger, next.Name, next.Position.ToString(), e.Message, e);
                    failures.Add($"{next.Position}: rule '{next.Name}': {e.Message}");
                }
            }
        }
        finally
        {
            _ruleChanges.Release();
        }

        return failures;
    }

    private async Task ApplyRuleAsync(RuleConfig next, CancellationToken cancellationToken)
    {
        var running = FindRule(next.Name);
        if (running is null)
        {
            await StartRuleAsync(next, cancellationToken);
            Log.RuleAdded(_logger, next.Name);
            return;
        }

        var current = running.Config;
        if (current.Equals(next))
        {
            return;
        }

        if (!RuleChanges.CanUpdateInPlace(current, next))
        {
            await StopRuleAsync(running, SessionCloseReason.RuleChanged, cancellationToken);
            await StartRuleAsync(next, cancellationToken);
            Log.RuleRestarted(_logger, next.Name);
            return;
        }

        if (RuleSupport.Unsupported(next) is { Count: > 0 } reasons)
        {
            throw new NotSupportedException(string.Join("; ", reasons));
        }

        var upstreams = await ResolveUpstreamsAsync(next, running.Listener.LocalEndPoint, running.Upstreams, cancellationToken);
        var removed = running.Upstreams.Where(upstream => !upstreams.Contains(upstream)).ToList();
        var health = running.Health;
        if (current.Health != next.Health || removed.Count > 0 || upstreams.Count != running.Upstreams.Count)
        {
            if (health is not null)
            {
                await health.GracefulStop(s_askTimeout);
            }

            // Nothing judges the upstreams of a rule without checks: every one goes back into rotation, whatever the
            // checks before said. Removed upstreams lose their verdict too.
            var unjudged = next.Health.Check == HealthCheckKind.None ? running.Upstreams.Concat(upstreams) : removed;
            foreach (var upstream in unjudged)
            {
                upstream.Health = UpstreamHealth.Unknown;
            }

            health = SpawnHealth(next, upstreams);
            running.Health = health;
        }

        running.Update(next, upstreams);
        await running.Router.Ask<bool>(new RuleUpdated(health, removed), s_askTimeout, cancellationToken);
        Log.RuleUpdated(_logger, next.Name, removed.Count);
    }

    private async Task StopRuleAsync(RelayRule rule, SessionCloseReason reason, CancellationToken cancellationToken)
    {
        rule.Listener.StopAccepting();
        await rule.Router.Ask<SessionsClosed>(new CloseAllSessions(reason), s_askTimeout, cancellationToken);
        await rule.Listener.DisposeAsync();
        rule.Detach();
        await rule.Router.GracefulStop(s_askTimeout);
        if (rule.Health is { } health)
        {
            await health.GracefulStop(s_askTimeout);
        }

        _rules = [.. _rules.Where(running => !ReferenceEquals(running, rule))];
    }
}
