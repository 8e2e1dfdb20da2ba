using System.Diagnostics;

namespace RelayCluster.Node.Listeners;

/// <summary>
/// How long an epoll worker polls its sockets before it sleeps, adapted the way Linux's guest halt-polling adapts its
/// window: a worker that slept and was woken within the rule's <c>busy-poll</c> would have caught that event by polling a
/// little longer, so the window grows (doubling, from a quarter of the maximum); a worker that slept longer than the
/// maximum polled for nothing, so the window halves, and below a quarter of the maximum it closes. A steady exchange
/// (a reply due within tens of microseconds) keeps it open and is never put to sleep; sparse traffic closes it and costs
/// no polling. Times are <see cref="Stopwatch"/> ticks.
/// </summary>
internal struct BusyPollWindow
{
    private TimeSpan _setting;
    private long _max;
    private long _start;

    /// <summary>How long to poll before the next sleep, in <see cref="Stopwatch"/> ticks; 0 sleeps at once.</summary>
    public long Ticks { get; private set; }

    /// <summary>Takes the rule's <c>busy-poll</c>, which a reload may change; the window stays within it.</summary>
    public void Use(TimeSpan busyPoll)
    {
        if (busyPoll == _setting)
        {
            return;
        }

        _setting = busyPoll;
        _max = (long)(busyPoll.TotalSeconds * Stopwatch.Frequency);
        _start = _max / 4;
        Ticks = Math.Min(Ticks, _max);
    }

    /// <summary>
    /// Adapts to a sleep that followed an unsuccessful poll: <paramref name="idleTicks"/> from the last poll's start to
    /// the wake-up with an event, or <see cref="long.MaxValue"/> when the sleep ended without one.
    /// </summary>
    public void Slept(long idleTicks)
    {
        if (_max == 0)
        {
            return;
        }

        if (idleTicks <= _max)
        {
            Ticks = Ticks == 0 ? _start : Math.Min(_max, Ticks * 2);
            return;
        }

        Ticks /= 2;
        if (Ticks < _start)
        {
            Ticks = 0;
        }
    }
}
