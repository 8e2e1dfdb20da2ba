using RelayCluster.Core.Configuration;

namespace RelayCluster.Core.Health;

/// <summary>How many results in a row change a verdict: <see cref="Rise"/> passes make an upstream healthy, <see cref="Fall"/> failures unhealthy.</summary>
public sealed record HealthPolicy
{
    /// <summary>Creates a policy; both counts are at least 1.</summary>
    public HealthPolicy(int rise, int fall)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rise, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(fall, 1);
        Rise = rise;
        Fall = fall;
    }

    /// <summary>Consecutive passes that make an upstream healthy.</summary>
    public int Rise { get; }

    /// <summary>Consecutive failures, active or passive, that make an upstream unhealthy.</summary>
    public int Fall { get; }

    /// <summary>The policy of a rule's <c>health</c> config.</summary>
    public static HealthPolicy From(HealthConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new HealthPolicy(config.Rise, config.Fall);
    }
}
