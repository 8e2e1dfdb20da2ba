using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Rules;

/// <summary>
/// Session and drop counters of one rule; traffic of live sessions is read from the sessions themselves. Drops are also
/// logged, at most one line per reason every <see cref="DropLogInterval"/>, with the count since the line before: the
/// first drop of a quiet reason at once, later ones by the drop that finds the interval over or, when no drop comes,
/// by <see cref="LogPendingDrops"/>, which the rule's router calls on its sweep.
/// </summary>
public sealed class RuleCounters
{
    /// <summary>The shortest time between two log lines about drops of one reason.</summary>
    public static readonly TimeSpan DropLogInterval = TimeSpan.FromSeconds(10);

    private static readonly long s_dropLogIntervalMs = (long)DropLogInterval.TotalMilliseconds;
    private readonly long[] _drops = new long[DropReasons.Count];
    private readonly long[] _droppedLoggedAt = new long[DropReasons.Count];
    private readonly long[] _dropsLogged = new long[DropReasons.Count];
    private readonly string _rule;
    private readonly ILogger? _logger;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<SessionCloseReason, long> _closed = new();
    private long _opened;
    private long _active;

    /// <summary>Creates the counters of <paramref name="rule"/>; drops are logged to <paramref name="logger"/> unless it is null.</summary>
    public RuleCounters(string rule = "", ILogger? logger = null, TimeProvider? time = null)
    {
        _rule = rule;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        Array.Fill(_droppedLoggedAt, long.MinValue / 2);
    }

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

    /// <summary>Counts one refused datagram or session, and logs it when no line about its reason was written for 10 s; allocates nothing otherwise.</summary>
    public void Dropped(DropReason reason)
    {
        Interlocked.Increment(ref _drops[(int)reason]);
        if (_logger is not null)
        {
            LogIfDue((int)reason, _logger);
        }
    }

    /// <summary>Logs the drops of every reason counted since its last line, where that line is 10 s old or more.</summary>
    public void LogPendingDrops()
    {
        if (_logger is null)
        {
            return;
        }

        for (var index = 0; index < _drops.Length; index++)
        {
            if (Interlocked.Read(ref _drops[index]) != Interlocked.Read(ref _dropsLogged[index]))
            {
                LogIfDue(index, _logger);
            }
        }
    }

    private void LogIfDue(int index, ILogger logger)
    {
        var now = _time.GetTimestamp() * 1000 / _time.TimestampFrequency;
        var loggedAt = Volatile.Read(ref _droppedLoggedAt[index]);
        if (now - loggedAt < s_dropLogIntervalMs || Interlocked.CompareExchange(ref _droppedLoggedAt[index], now, loggedAt) != loggedAt)
        {
            return;
        }

        var count = Interlocked.Read(ref _drops[index]);
        var since = count - Interlocked.Exchange(ref _dropsLogged[index], count);
        if (since > 0)
        {
            Log.Dropped(logger, _rule, DropReasons.Name((DropReason)index), since);
        }
    }

    /// <summary>How many datagrams or sessions were refused for <paramref name="reason"/>.</summary>
    public long Drops(DropReason reason) => Interlocked.Read(ref _drops[(int)reason]);

    /// <summary>Ended sessions by reason.</summary>
    public IReadOnlyDictionary<SessionCloseReason, long> SessionsClosed => new Dictionary<SessionCloseReason, long>(_closed);
}
