using System.Collections.Concurrent;
using System.Net;
using RelayCluster.Core.Configuration;
using RelayCluster.Core.Upstreams;
using RelayCluster.Node.Rules;

namespace RelayCluster.Node.Affinity;

/// <summary>
/// The node's side of <c>session.affinity = cluster</c>: finds the upstream the cluster remembers for a new udp session's
/// client, and queues each new session's upstream for the backplane, which shares them in batches. Inert until a cluster
/// backplane attaches its <see cref="IAffinitySource"/> (the embedded backplane never does): nothing is queued, nothing found.
/// Touched once per new session and once per half idle timeout per live session, never per datagram.
/// </summary>
public sealed class AffinityTable : IClientAffinity
{
    /// <summary>The most new sessions queued while no backplane takes them (between two cluster incarnations); more are not shared.</summary>
    public const int MaxPending = 65_536;

    private readonly ConcurrentQueue<AffinityRecord> _pending = new();
    private readonly Func<IReadOnlyList<RelayRule>> _rules;
    private readonly Dictionary<string, DateTimeOffset> _refreshedAt = new(StringComparer.Ordinal);
    private volatile IAffinitySource? _source;
    private int _pendingCount;
    private long _hits;

    /// <summary>Creates the table of a node whose running rules <paramref name="rules"/> returns.</summary>
    public AffinityTable(Func<IReadOnlyList<RelayRule>> rules) => _rules = rules;

    /// <summary>True while a cluster backplane shares the entries.</summary>
    public bool IsShared => _source is not null;

    /// <summary>Entries this node holds now.</summary>
    public int Count => _source?.Count ?? 0;

    /// <summary>New sessions that got their upstream from the cluster's entry so far.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>The shared key of <paramref name="client"/> under rule <paramref name="rule"/>; a mapped IPv4 address is written as IPv4.</summary>
    public static string Key(string rule, IPEndPoint client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var address = client.Address.IsIPv4MappedToIPv6 ? client.Address.MapToIPv4() : client.Address;
        return $"{rule}/{new IPEndPoint(address, client.Port)}";
    }

    /// <summary>Starts sharing through <paramref name="source"/> (a new cluster incarnation's entries).</summary>
    public void Attach(IAffinitySource source) => _source = source;

    /// <summary>Stops sharing through <paramref name="source"/>, unless another source took its place already.</summary>
    public void Detach(IAffinitySource source) => Interlocked.CompareExchange(ref _source, null, source);

    /// <summary>
    /// The upstream the cluster remembers for <paramref name="client"/> under <paramref name="rule"/>, when its entry has not
    /// expired and the upstream is still one of <paramref name="upstreams"/>; null otherwise (the rule's policy picks).
    /// </summary>
    public UpstreamState? Find(string rule, IPEndPoint client, IReadOnlyList<UpstreamState> upstreams)
    {
        ArgumentNullException.ThrowIfNull(upstreams);
        if (_source is not { } source || !source.TryFind(Key(rule, client), out var address, out var expires) || expires <= DateTimeOffset.UtcNow)
        {
            return null;
        }

        foreach (var upstream in upstreams)
        {
            if (string.Equals(upstream.Address, address, StringComparison.OrdinalIgnoreCase))
            {
                return upstream;
            }
        }

        return null;
    }

    /// <summary>Counts a new session that was given the upstream <see cref="Find"/> returned.</summary>
    public void Hit() => Interlocked.Increment(ref _hits);

    /// <summary>Queues the upstream of a new session, valid for <paramref name="idleTimeout"/>; nothing while no backplane shares.</summary>
    public void Opened(string rule, IPEndPoint client, string upstream, TimeSpan idleTimeout)
    {
        if (_source is null)
        {
            return;
        }

        if (Interlocked.Increment(ref _pendingCount) > MaxPending)
        {
            Interlocked.Decrement(ref _pendingCount);
            return;
        }

        _pending.Enqueue(new AffinityRecord(Key(rule, client), upstream, DateTimeOffset.UtcNow + idleTimeout));
    }

    /// <summary>Takes the next queued record; for the backplane's batching.</summary>
    public bool TryTake(out AffinityRecord record)
    {
        if (!_pending.TryDequeue(out record))
        {
            return false;
        }

        Interlocked.Decrement(ref _pendingCount);
        return true;
    }

    /// <summary>
    /// Adds to <paramref name="into"/> a fresh expiry for every live session of each <c>affinity = cluster</c> udp rule whose
    /// last refresh is half its idle timeout ago or more: the session's last traffic plus the idle timeout. Sessions younger
    /// than half the idle timeout are left out, as their opening was shared since. Called by one actor at a time.
    /// </summary>
    public void CollectRefreshes(DateTimeOffset now, List<AffinityRecord> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        var tick = Environment.TickCount64;
        lock (_refreshedAt)
        {
            foreach (var rule in _rules())
            {
                var config = rule.Config;
                if (config.Protocol != RuleProtocol.Udp || config.Session.Affinity != SessionAffinity.Cluster)
                {
                    continue;
                }

                var idle = config.Session.IdleTimeout;
                var half = idle / 2;
                if (!_refreshedAt.TryGetValue(config.Name, out var last))
                {
                    _refreshedAt[config.Name] = now;
                    continue;
                }

                if (now - last < half)
                {
                    continue;
                }

                _refreshedAt[config.Name] = now;
                foreach (var session in rule.Sessions)
                {
                    if (session.IsClosed || session.Upstream is not { } upstream || now - session.StartedAt < half)
                    {
                        continue;
                    }

                    var lastTraffic = now - TimeSpan.FromMilliseconds(tick - session.LastActivity);
                    into.Add(new AffinityRecord(Key(config.Name, session.Client), upstream.Address, lastTraffic + idle));
                }
            }
        }
    }
}
