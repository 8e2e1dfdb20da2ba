namespace RelayCluster.Etcd.Internal;

/// <summary>Growing pauses between reconnects (50 ms doubling to 1 s, with jitter so that nodes do not retry in step).</summary>
internal sealed class Backoff
{
    private static readonly TimeSpan s_first = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan s_max = TimeSpan.FromSeconds(1);

    private TimeSpan _next = s_first;

    public void Reset() => _next = s_first;

    public Task WaitAsync(CancellationToken cancellationToken)
    {
        var pause = _next * (0.8 + (0.4 * Random.Shared.NextDouble()));
        _next = _next * 2 > s_max ? s_max : _next * 2;
        return Task.Delay(pause, cancellationToken);
    }
}
