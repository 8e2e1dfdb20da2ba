namespace RelayCluster.Core.Actors.Internal;

/// <summary>A scheduled message to an actor, cancelled by disposing it or by the actor stopping or restarting.</summary>
internal sealed class ActorTimer(ActorCell owner, object message, bool once) : IDisposable
{
    private ITimer? _timer;
    private int _disposed;

    public void Start(TimeProvider timeProvider, TimeSpan delay, TimeSpan interval)
    {
        // Created idle and armed afterwards, so a callback never sees the timer unassigned.
        _timer = timeProvider.CreateTimer(static state => ((ActorTimer)state!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(delay, interval);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _timer?.Dispose();
            owner.RemoveTimer(this);
        }
    }

    private void Fire()
    {
        if (Volatile.Read(ref _disposed) == 1)
        {
            return;
        }

        owner.Tell(message);
        if (once)
        {
            Dispose();
        }
    }
}
