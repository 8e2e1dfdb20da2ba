using System.Net;
using RelayCluster.Core.Configuration;
using RelayCluster.Core.Traffic;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Admission;

/// <summary>
/// Step 3 of admission: the rule's per-client-IP <c>rate-limit</c>. For tcp it charges each new connection; for udp it charges
/// every datagram, so a known peer's datagrams pass this step alone (<see cref="AdmissionChain.AllowsDatagram"/>).
/// </summary>
internal sealed class RateLimitStep(RateLimitConfig config)
{
    private volatile ClientRateLimiter? _limiter = Create(config);

    /// <summary>The token buckets, or null when the rule has no limit.</summary>
    public ClientRateLimiter? Limiter => _limiter;

    /// <summary>Takes the limit of a rule changed in place; buckets start afresh only when the limit changed.</summary>
    public void Update(RateLimitConfig previous, RateLimitConfig config)
    {
        if (config != previous)
        {
            _limiter = Create(config);
        }
    }

    /// <summary>Refuses with <see cref="DropReason.RateLimited"/> a client over its limit after charging <paramref name="bytes"/>.</summary>
    public DropReason? Check(SocketAddress client, int bytes) =>
        _limiter is { } limiter && !limiter.TryAcquire(client, bytes) ? DropReason.RateLimited : null;

    private static ClientRateLimiter? Create(RateLimitConfig config) => config.IsEnabled ? new ClientRateLimiter(config) : null;
}
