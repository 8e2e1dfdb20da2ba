using RelayCluster.Core.Upstreams;

namespace RelayCluster.Node.Cluster;

/// <summary>
/// The single-node backplane: cluster state lives in the process. Rule and upstream changes made at runtime are
/// written to a state file (atomically, by rename) as overrides of the config file's rules, so a restart keeps them
/// while edits to untouched rules in the config file still take effect.
/// </summary>
public sealed class EmbeddedBackplane : IBackplane
{
    private readonly Lock _lock = new();
    private readonly EmbeddedStateFile? _stateFile;
    private ClusterView _view = ClusterView.Empty with { Connected = true };
    private EmbeddedState _state = new();
    private Member? _self;

    /// <summary>Creates the backplane; runtime changes persist to <paramref name="stateFile"/> when it is set.</summary>
    public EmbeddedBackplane(string? stateFile) => _stateFile = stateFile is null ? null : new EmbeddedStateFile(stateFile);

    /// <inheritdoc />
    public string Kind => "embedded";

    /// <inheritdoc />
    public ClusterView View => Volatile.Read(ref _view);

    /// <inheritdoc />
    public event Action<ClusterView>? Changed;

    /// <inheritdoc />
    public Task StartAsync(Member self, IReadOnlyList<StoredRule> seed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(seed);
        lock (_lock)
        {
            _self = self;
            _state = _stateFile?.Load() ?? new EmbeddedState();
            var rules = new Dictionary<string, StoredRule>(StringComparer.Ordinal);
            foreach (var rule in seed)
            {
                rules[rule.Name] = rule with { Revision = 1 };
            }

            foreach (var (name, overridden) in _state.Rules)
            {
                if (overridden is null)
                {
                    rules.Remove(name);
                }
                else
                {
                    rules[name] = new StoredRule(name, overridden.Json, overridden.Revision);
                }
            }

            var upstreams = _state.Upstreams.Select(entry => new UpstreamAdminEntry(entry.Rule, entry.Address, entry.State)).ToList();
            Publish(View with { Members = [self], Rules = rules, UpstreamStates = upstreams });
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task SetStatusAsync(MemberStatus status, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _self = Self with { Status = status };
            Publish(View with { Members = [_self] });
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<bool> DownAsync(string id, CancellationToken cancellationToken)
    {
        if (id != Self.Id)
        {
            return false;
        }

        await SetStatusAsync(MemberStatus.Down, cancellationToken);
        return true;
    }

    /// <inheritdoc />
    public Task<RuleWriteResult> PutRuleAsync(string name, string json, long? expectedRevision, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var current = View.Rules.GetValueOrDefault(name);
            if (expectedRevision is { } expected && (current?.Revision ?? 0) != expected)
            {
                return Task.FromResult(new RuleWriteResult(RuleWriteOutcome.Conflict, current?.Revision ?? 0));
            }

            var revision = NextRevision();
            _state.Rules[name] = new EmbeddedRuleOverride(json, revision);
            Save();
            var rules = new Dictionary<string, StoredRule>(View.Rules, StringComparer.Ordinal) { [name] = new StoredRule(name, json, revision) };
            Publish(View with { Rules = rules });
            return Task.FromResult(new RuleWriteResult(RuleWriteOutcome.Written, revision));
        }
    }

    /// <inheritdoc />
    public Task<RuleWriteResult> DeleteRuleAsync(string name, long? expectedRevision, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (View.Rules.GetValueOrDefault(name) is not { } current)
            {
                return Task.FromResult(new RuleWriteResult(RuleWriteOutcome.NotFound, 0));
            }

            if (expectedRevision is { } expected && current.Revision != expected)
            {
                return Task.FromResult(new RuleWriteResult(RuleWriteOutcome.Conflict, current.Revision));
            }

            var revision = NextRevision();
            _state.Rules[name] = null;
            _state.Upstreams.RemoveAll(entry => entry.Rule == name);
            Save();
            var rules = new Dictionary<string, StoredRule>(View.Rules, StringComparer.Ordinal);
            rules.Remove(name);
            Publish(View with { Rules = rules, UpstreamStates = View.UpstreamStates.Where(entry => entry.Rule != name).ToList() });
            return Task.FromResult(new RuleWriteResult(RuleWriteOutcome.Written, revision));
        }
    }

    /// <inheritdoc />
    public Task SetUpstreamStateAsync(string rule, string address, UpstreamAdminState state, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _state.Upstreams.RemoveAll(entry => entry.Rule == rule && string.Equals(entry.Address, address, StringComparison.OrdinalIgnoreCase));
            if (state != UpstreamAdminState.Enabled)
            {
                _state.Upstreams.Add(new EmbeddedUpstreamState(rule, address, state));
            }

            Save();
            var upstreams = _state.Upstreams.Select(entry => new UpstreamAdminEntry(entry.Rule, entry.Address, entry.State)).ToList();
            Publish(View with { UpstreamStates = upstreams });
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task PublishStatsAsync(NodeStats stats, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stats);
        lock (_lock)
        {
            Publish(View with { Stats = new Dictionary<string, NodeStats> { [stats.Node] = stats } });
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task LeaveAsync(CancellationToken cancellationToken) => SetStatusAsync(MemberStatus.Removed, cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Member Self => _self ?? throw new InvalidOperationException("The backplane has not started.");

    private long NextRevision()
    {
        var highest = View.Rules.Values.Select(rule => rule.Revision).DefaultIfEmpty(1).Max();
        _state.Revision = Math.Max(_state.Revision, highest) + 1;
        return _state.Revision;
    }

    private void Save() => _stateFile?.Save(_state);

    // Called under the lock, so views are published in order.
    private void Publish(ClusterView view)
    {
        Volatile.Write(ref _view, view);
        Changed?.Invoke(view);
    }
}
