using System.Net;
using RelayCluster.Core.Health;

namespace RelayCluster.Node.Health;

/// <summary>Checks one upstream once; expected failures (timeouts, refusals, wrong replies) are results, not exceptions.</summary>
internal interface IHealthProbe
{
    /// <summary>Probes <paramref name="upstream"/>; throws <see cref="OperationCanceledException"/> only when <paramref name="cancellationToken"/> is cancelled.</summary>
    ValueTask<ProbeResult> ProbeAsync(IPEndPoint upstream, CancellationToken cancellationToken);
}
