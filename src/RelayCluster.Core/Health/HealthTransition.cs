using RelayCluster.Core.Upstreams;

namespace RelayCluster.Core.Health;

/// <summary>A change of an upstream's health verdict, with the reason to log once.</summary>
/// <param name="Old">The verdict before.</param>
/// <param name="New">The verdict now.</param>
/// <param name="Reason">Why, such as <c>timeout: no reply within 1s</c> or <c>2 probes passed in a row</c>.</param>
public readonly record struct HealthTransition(UpstreamHealth Old, UpstreamHealth New, string Reason);
