namespace RelayCluster.Core.Actors.Internal;

/// <summary>Messages an actor schedules to itself.</summary>
internal sealed partial class ActorCell
{
    private HashSet<ActorTimer>? _timers;

    public IDisposable Schedule(TimeSpan delay, TimeSpan interval, object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var timer = new ActorTimer(this, message, once: interval == Timeout.InfiniteTimeSpan);
        lock (_sync)
        {
            if (_status >= ActorStatus.Stopping)
            {
                return timer;
            }

            (_timers ??= []).Add(timer);
        }

        timer.Start(System.TimeProvider, delay, interval);
        return timer;
    }

    public void RemoveTimer(ActorTimer timer)
    {
        lock (_sync)
        {
            _timers?.Remove(timer);
        }
    }

    private void CancelTimers()
    {
        ActorTimer[]? timers;
        lock (_sync)
        {
            timers = _timers?.ToArray();
            _timers = null;
        }

        foreach (var timer in timers ?? [])
        {
            timer.Dispose();
        }
    }
}
