using RelayCluster.Core.Health;
using RelayCluster.Core.Upstreams;

namespace RelayCluster.Node.Sessions;

/// <summary>Told by a TCP session to its router: it could not connect to <paramref name="Upstream"/>, which counts toward the upstream's passive health.</summary>
internal sealed record UpstreamConnectFailed(UpstreamState Upstream, HealthFailureReason Reason, string Detail);
