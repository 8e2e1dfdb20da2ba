using System.Diagnostics.Metrics;
using RelayCluster.Core.Upstreams;
using RelayCluster.Node.Rules;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Metrics;

/// <summary>The observable instruments: each read walks the rules running at that moment.</summary>
public sealed partial class RelayMetrics
{
    private static readonly DropReason[] s_dropReasons = Enum.GetValues<DropReason>();

    private void CreateRuleInstruments()
    {
        Meter.CreateObservableCounter("relay_sessions_opened_total", ObserveSessionsOpened, "{session}", "Sessions opened.");
        Meter.CreateObservableCounter("relay_sessions_closed_total", ObserveSessionsClosed, "{session}", "Sessions ended, by close reason.");
        Meter.CreateObservableCounter(
            "relay_datagrams_total", () => ObserveTraffic(bytes: false), "{datagram}", "Datagrams (UDP) or reads (TCP) forwarded, by direction.");
        Meter.CreateObservableCounter("relay_bytes_total", () => ObserveTraffic(bytes: true), "By", "Bytes forwarded, by direction.");
        Meter.CreateObservableCounter("relay_drops_total", ObserveDrops, "{drop}", "Datagrams or new sessions refused, by reason.");
        Meter.CreateObservableUpDownCounter(
            "relay_rule_sessions", () => ObserveRules(static rule => rule.Counters.SessionsActive), "{session}", "Live sessions of the rule on this node, connecting ones included.");
        Meter.CreateObservableGauge(
            "relay_rule_sessions_max", () => ObserveRules(static rule => rule.Limiter.Max), "{session}", "The rule's session cap on this node (session.max).");
    }

    private IEnumerable<Measurement<long>> ObserveRules(Func<RelayRule, long> read)
    {
        foreach (var rule in _rules())
        {
            yield return new(read(rule), Rule(rule));
        }
    }

    private void CreateUpstreamInstruments()
    {
        Meter.CreateObservableUpDownCounter(
            "relay_sessions_active", () => ObserveUpstreams(static u => u.ActiveSessions), "{session}", "Live sessions on this node, by upstream.");
        Meter.CreateObservableGauge(
            "relay_upstream_health", () => ObserveUpstreams(static u => (int)u.Health), null, "Health verdict: 0 unknown, 1 healthy, 2 unhealthy.");
        Meter.CreateObservableGauge(
            "relay_upstream_admin_state", () => ObserveUpstreams(static u => (int)u.AdminState), null, "Admin state: 0 enabled, 1 draining, 2 disabled.");
        Meter.CreateObservableGauge(
            "relay_upstream_available", () => ObserveUpstreams(static u => u.IsAvailable ? 1 : 0), null, "1 when new sessions may use the upstream.");
    }

    private void CreateNodeInstruments()
    {
        Meter.CreateObservableGauge(
            "relay_backplane_connected", () => new Measurement<int>(_backplaneConnected() ? 1 : 0), null, "1 when the node reaches its cluster backplane.");
        Meter.CreateObservableGauge("relay_members", ObserveMembers, "{node}", "Cluster members, by status.");
        Meter.CreateObservableGauge(
            "relay_affinity_entries", () => new Measurement<long>(Affinity?.Count ?? 0), "{entry}", "Client-to-upstream entries the cluster shares, as this node holds them.");
        Meter.CreateObservableCounter(
            "relay_affinity_hits_total", () => new Measurement<long>(Affinity?.Hits ?? 0), "{session}", "New sessions given the upstream the cluster remembered for their client.");
    }

    private IEnumerable<Measurement<long>> ObserveSessionsOpened()
    {
        foreach (var rule in _rules())
        {
            yield return new(rule.Counters.SessionsOpened, Rule(rule));
        }
    }

    private IEnumerable<Measurement<long>> ObserveSessionsClosed()
    {
        foreach (var rule in _rules())
        {
            var closed = rule.Counters.SessionsClosed;
            foreach (var reason in SessionCloseReasons.All)
            {
                yield return new(closed.GetValueOrDefault(reason), Rule(rule), Reason(SessionCloseReasons.Name(reason)));
            }
        }
    }

    private IEnumerable<Measurement<long>> ObserveTraffic(bool bytes)
    {
        foreach (var rule in _rules())
        {
            var traffic = _traffic.GetOrCreateValue(rule).Read(rule);
            yield return new(bytes ? traffic.BytesToUpstream : traffic.PacketsToUpstream, Rule(rule), Direction(MetricLabels.ClientToUpstream));
            yield return new(bytes ? traffic.BytesToClient : traffic.PacketsToClient, Rule(rule), Direction(MetricLabels.UpstreamToClient));
        }
    }

    private IEnumerable<Measurement<long>> ObserveDrops()
    {
        foreach (var rule in _rules())
        {
            foreach (var reason in s_dropReasons)
            {
                yield return new(rule.Counters.Drops(reason), Rule(rule), Reason(DropReasons.Name(reason)));
            }
        }
    }

    private IEnumerable<Measurement<int>> ObserveUpstreams(Func<UpstreamState, int> read)
    {
        foreach (var rule in _rules())
        {
            foreach (var upstream in rule.Upstreams)
            {
                yield return new(read(upstream), Rule(rule), new KeyValuePair<string, object?>(MetricLabels.Upstream, upstream.Address));
            }
        }
    }

    private IEnumerable<Measurement<int>> ObserveMembers()
    {
        foreach (var (status, count) in _members())
        {
            yield return new(count, new KeyValuePair<string, object?>(MetricLabels.Status, status));
        }
    }

    private static KeyValuePair<string, object?> Rule(RelayRule rule) => new(MetricLabels.Rule, rule.Name);

    private static KeyValuePair<string, object?> Reason(string reason) => new(MetricLabels.Reason, reason);

    private static KeyValuePair<string, object?> Direction(string direction) => new(MetricLabels.Direction, direction);
}
