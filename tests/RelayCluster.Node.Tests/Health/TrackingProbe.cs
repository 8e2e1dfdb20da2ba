using System.Net;
using RelayCluster.Core.Health;
using RelayCluster.Node.Health;

namespace RelayCluster.Node.Tests.Health;

/// <summary>Wraps a probe and tells a test whether one is running and when, on the test's clock, it started.</summary>
internal sealed class TrackingProbe(IHealthProbe inner, TimeProvider clock) : IHealthProbe
{
    private long _startedAt = -1;
    private int _started;

    /// <summary>When the running probe started, as a clock timestamp; null when none is running.</summary>
    public long? RunningSince => Volatile.Read(ref _startedAt) is var at and >= 0 ? at : null;

    /// <summary>How many probes have started.</summary>
    public int Started => Volatile.Read(ref _started);

    public async ValueTask<ProbeResult> ProbeAsync(IPEndPoint upstream, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _startedAt, clock.GetTimestamp());
        Interlocked.Increment(ref _started);
        try
        {
            return await inner.ProbeAsync(upstream, cancellationToken);
        }
        finally
        {
            Volatile.Write(ref _startedAt, -1);
        }
    }
}
