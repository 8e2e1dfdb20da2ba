using RelayCluster.Core.Health;

namespace RelayCluster.Node.Health.Internal;

/// <summary>A probe's time limit joined with its caller's cancellation; tells the two apart when an operation is cancelled.</summary>
internal sealed class ProbeDeadline : IDisposable
{
    private readonly CancellationTokenSource _timeout;
    private readonly CancellationTokenSource _linked;
    private readonly CancellationToken _caller;

    public ProbeDeadline(TimeSpan timeout, TimeProvider timeProvider, CancellationToken caller)
    {
        _timeout = new CancellationTokenSource(timeout, timeProvider);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(_timeout.Token, caller);
        _caller = caller;
        Timeout = timeout;
    }

    /// <summary>The time limit.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Cancelled when the time is up or the caller cancels.</summary>
    public CancellationToken Token => _linked.Token;

    /// <summary>Whether a cancellation came from the time limit rather than from the caller.</summary>
    public bool Expired => _timeout.IsCancellationRequested && !_caller.IsCancellationRequested;

    /// <summary>The result of a probe whose time ran out while waiting for <paramref name="what"/>.</summary>
    public ProbeResult TimedOut(string what) =>
        ProbeResult.Failed(HealthFailureReason.Timeout, $"no {what} within {ProbeText.Duration(Timeout)}");

    public void Dispose()
    {
        _linked.Dispose();
        _timeout.Dispose();
    }
}
