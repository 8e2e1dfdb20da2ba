namespace RelayCluster.Node.Cluster;

/// <summary>Turns the node's running counters into per-second rates and the load record it publishes; one sample per stats interval.</summary>
public sealed class LoadSampler
{
    private readonly Dictionary<string, Counts> _previous = new(StringComparer.Ordinal);
    private volatile IReadOnlyDictionary<string, RuleRates> _rates = new Dictionary<string, RuleRates>();

    /// <summary>The rates of each rule over the last interval.</summary>
    public IReadOnlyDictionary<string, RuleRates> Rates => _rates;

    /// <summary>Samples <paramref name="node"/> now and returns the load to publish.</summary>
    public NodeStats Sample(IRelayNode node, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(node);
        var rates = new Dictionary<string, RuleRates>(StringComparer.Ordinal);
        var loads = new List<RuleLoad>();
        foreach (var rule in node.Rules)
        {
            var traffic = rule.Traffic();
            var sample = new Counts(now, rule.Counters.SessionsOpened, traffic.PacketsToUpstream, traffic.PacketsToClient, traffic.BytesToUpstream, traffic.BytesToClient);
            var rate = _previous.TryGetValue(rule.Name, out var previous) ? sample.RatesSince(previous) : RuleRates.Zero;
            _previous[rule.Name] = sample;
            rates[rule.Name] = rate;
            var upstreams = rule.Upstreams
                .Select(upstream => new UpstreamLoad(upstream.Address, upstream.ActiveSessions, upstream.Health.ToString().ToLowerInvariant()))
                .ToList();
            loads.Add(new RuleLoad(
                rule.Name, rule.Counters.SessionsActive, rate.DatagramsToUpstream + rate.DatagramsToClient, rate.BytesToUpstream + rate.BytesToClient, upstreams));
        }

        foreach (var gone in _previous.Keys.Where(name => !rates.ContainsKey(name)).ToList())
        {
            _previous.Remove(gone);
        }

        _rates = rates;
        return new NodeStats(node.Config.Node.Id, now, loads);
    }

    private sealed record Counts(DateTimeOffset At, long Opened, long PacketsToUpstream, long PacketsToClient, long BytesToUpstream, long BytesToClient)
    {
        public RuleRates RatesSince(Counts previous)
        {
            var seconds = (At - previous.At).TotalSeconds;
            if (seconds <= 0)
            {
                return RuleRates.Zero;
            }

            // A restarted rule starts its counters again; a negative difference is a restart, not negative traffic.
            double Rate(long now, long before) => Math.Max(0, now - before) / seconds;
            return new RuleRates(
                Rate(Opened, previous.Opened),
                Rate(PacketsToUpstream, previous.PacketsToUpstream),
                Rate(PacketsToClient, previous.PacketsToClient),
                Rate(BytesToUpstream, previous.BytesToUpstream),
                Rate(BytesToClient, previous.BytesToClient));
        }
    }
}
