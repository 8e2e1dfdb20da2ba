using RelayCluster.Core.Configuration;

namespace RelayCluster.Node.Health;

/// <summary>Makes the probe that a rule's <c>health</c> config asks for.</summary>
internal static class HealthProbes
{
    /// <summary>The probe of <paramref name="config"/>; null when <c>check = none</c>.</summary>
    public static IHealthProbe? Create(HealthConfig config, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Check switch
        {
            HealthCheckKind.TcpConnect => new TcpConnectProbe(config.Timeout, timeProvider),
            HealthCheckKind.UdpProbe => config.Preset switch
            {
                HealthPreset.A2sInfo => new A2sInfoProbe(config.Timeout, timeProvider),
                HealthPreset.MinecraftBedrock => new MinecraftBedrockProbe(config.Timeout, timeProvider),
                _ => new UdpProbe(config.UdpProbe, config.Timeout, timeProvider),
            },
            _ => null,
        };
    }
}
