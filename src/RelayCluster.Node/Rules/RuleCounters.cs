using System.Collections.Concurrent;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Rules;

/// <summary>Session and drop counters of one rule; traffic of live sessions is read from the sessions themselves.</summary>
public sealed class RuleCounters
{
    private readonly long[] _drops = new long[DropReasons.Count];
    private readonly ConcurrentDictionary<SessionCloseReason, long> _closed = new();
    private long _opened;
    private long _active;

    /// <summary>Sessions opened since the rule started.</summary>
    public long SessionsOpened => Interlocked.Read(ref _opened);

    /// <summary>Sessions open now.</summary>
    public long SessionsActive => Interlocked.Read(ref _active);

    /// <summary>Traffic of sessions that already ended.</summary>
    public TrafficTotals EndedTraffic { get; } = new();

    /// <summary>Counts a new session.</summary>
    public void SessionOpened()
    {
        Interlocked.Increment(ref _opened);
        Interlocked.Increment(ref _active);
    }

    /// <summary>Counts an ended session and folds its traffic into <see cref="EndedTraffic"/>.</summary>
    public void SessionClosed(SessionCloseReason reason, TrafficCounters traffic)
    {
        Interlocked.Decrement(ref _active);
        _closed.AddOrUpdate(reason, 1, static (_, count) => count + 1);
        traffic.AddTo(EndedTraffic);
    }

    /// <summary>Counts one refused datagram or session.</summary>
    public void Dropped(DropReason reason) => Interlocked.Increment(ref _drops[(int)reason]);

    /// <summary>How many datagrams or sessions were refused for <paramref name="reason"/>.</summary>
    public long Drops(DropReason reason) => Interlocked.Read(ref _drops[(int)reason]);

    /// <summary>Ended sessions by reason.</summary>
    public IReadOnlyDictionary<SessionCloseReason, long> SessionsClosed => new Dictionary<SessionCloseReason, long>(_closed);
}
