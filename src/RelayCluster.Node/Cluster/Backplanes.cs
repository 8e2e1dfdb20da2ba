using Microsoft.Extensions.Logging;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Affinity;
using RelayCluster.Node.Cluster.AkkaCluster;

namespace RelayCluster.Node.Cluster;

/// <summary>Makes the backplane that <c>relay.cluster.backplane</c> names.</summary>
public static class Backplanes
{
    /// <summary>
    /// The backplane of <paramref name="config"/>; <paramref name="stateFile"/> is where the embedded one persists changes,
    /// and the akka one shares <paramref name="affinity"/> with the cluster (the embedded one has no one to share it with).
    /// </summary>
    public static IBackplane Create(RelayConfig config, string? stateFile, ILoggerFactory loggerFactory, AffinityTable? affinity = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        return config.Cluster.Backplane switch
        {
            BackplaneKind.Akka => new AkkaBackplane(config, loggerFactory.CreateLogger<AkkaBackplane>(), affinity),
            _ => new EmbeddedBackplane(stateFile),
        };
    }
}
