namespace RelayCluster.Core.Tests.Actors;

/// <summary>A task that completes after <see cref="Signal"/> has been called a given number of times.</summary>
internal sealed class Countdown(int count)
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _remaining = count;

    public Task Done => _done.Task;

    public void Signal()
    {
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _done.TrySetResult();
        }
    }
}
