using System.Net;
using System.Threading.Channels;
using RelayCluster.Core.Health;
using RelayCluster.Node.Health;

namespace RelayCluster.Node.Tests.Health;

/// <summary>A probe whose results a test hands out one at a time; a probe waits until the test gives it one.</summary>
internal sealed class GatedProbe : IHealthProbe
{
    private readonly Channel<ProbeResult> _results = Channel.CreateUnbounded<ProbeResult>();
    private int _started;

    /// <summary>How many probes have started.</summary>
    public int Started => Volatile.Read(ref _started);

    /// <summary>Lets the next waiting (or future) probe end with <paramref name="result"/>.</summary>
    public void Release(ProbeResult result) => _results.Writer.TryWrite(result);

    public async ValueTask<ProbeResult> ProbeAsync(IPEndPoint upstream, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _started);
        return await _results.Reader.ReadAsync(cancellationToken);
    }
}
