using System.Net;
using RelayCluster.Core.Configuration;
using RelayCluster.Core.Traffic;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Admission;

/// <summary>
/// Step 3 of admission: the rule's per-client-IP <c>rate-limit</c>. For tcp it charges each new connection; for udp it charges
/// every datagram, so a known peer's datagrams pass this step alone (<see cref="AdmissionChain.AllowsDatagram"/>). Only a
/// rule with a limit on has this step.
/// </summary>
internal sealed class RateLimitStep
{
    /// <summary>The step's name in <see cref="AdmissionChain.StepNames"/>.</summary>
    public const string Name = "rate-limit";

    private readonly RateLimitConfig _config;

    private RateLimitStep(RateLimitConfig config)
    {
        _config = config;
        Limiter = new ClientRateLimiter(config);
    }

    /// <summary>The token buckets.</summary>
    public ClientRateLimiter Limiter { get; }

    /// <summary>
    /// The step of <paramref name="config"/>, or null when no limit is on. <paramref name="current"/>, the step of the rule
    /// before it changed in place, is kept with its buckets when its limit is the same; buckets start afresh only when it changed.
    /// </summary>
    public static RateLimitStep? For(RateLimitConfig config, RateLimitStep? current = null) =>
        !config.IsEnabled ? null
        : current is not null && current._config == config ? current
        : new RateLimitStep(config);

    /// <summary>Refuses with <see cref="DropReason.RateLimited"/> a client over its limit after charging <paramref name="bytes"/>.</summary>
    public DropReason? Check(SocketAddress client, int bytes) => Limiter.TryAcquire(client, bytes) ? null : DropReason.RateLimited;
}
