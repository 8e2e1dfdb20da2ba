using System.Net;
using RelayCluster.Core.Configuration;
using RelayCluster.Core.Traffic;
using RelayCluster.Core.Upstreams;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Admission;

/// <summary>
/// The checks a new session of one rule passes, udp or tcp, in this order:
/// <list type="number">
/// <item><description>draining (<see cref="DropReason.Draining"/>),</description></item>
/// <item><description>access list (<see cref="DropReason.AccessDenied"/>),</description></item>
/// <item><description>rate limit (<see cref="DropReason.RateLimited"/>),</description></item>
/// <item><description>caps: rule, client IP, node descriptors (<see cref="DropReason.SessionLimit"/>, <see cref="DropReason.ClientLimit"/>),</description></item>
/// <item><description>upstream pick (<see cref="DropReason.NoUpstream"/>).</description></item>
/// </list>
/// Steps 1 to 4 run in <see cref="Admit"/> when the client arrives; step 5 (<see cref="PickUpstream"/>) runs when the
/// session needs its upstream: at once for udp, at each connect attempt for tcp (after the client's TLS handshake).
/// The chain holds the access list and rate limit steps only while the rule configures them, so a rule without them
/// does not pass through them. Every refusal is counted by reason here, and allocates nothing.
/// </summary>
public sealed class AdmissionChain
{
    private readonly DrainingStep _draining = new();
    private volatile AccessListStep? _access;
    private volatile RateLimitStep? _rateLimit;
    private readonly SessionCapStep _caps;
    private readonly UpstreamPickStep _pick;
    private readonly Action<DropReason> _dropped;
    private readonly RuleProtocol _protocol;

    /// <summary>Creates the chain of <paramref name="config"/>, taking places from <paramref name="limiter"/> and counting refusals with <paramref name="dropped"/>.</summary>
    public AdmissionChain(RuleConfig config, IReadOnlyList<UpstreamState> upstreams, SessionLimiter limiter, Action<DropReason> dropped)
    {
        ArgumentNullException.ThrowIfNull(config);
        _protocol = config.Protocol;
        _dropped = dropped;
        _access = AccessListStep.For(config.Access);
        _rateLimit = RateLimitStep.For(config.RateLimit);
        _caps = new SessionCapStep(limiter, config.Protocol, config.Session.ReclaimAfter);
        _pick = new UpstreamPickStep(config, upstreams);
    }

    /// <summary>False once the rule stopped admitting sessions (drain).</summary>
    public bool IsAccepting => _draining.IsAccepting;

    /// <summary>The per-client-IP token buckets of <c>rate-limit</c>, or null when the rule has no limit.</summary>
    public ClientRateLimiter? RateLimiter => _rateLimit?.Limiter;

    /// <summary>The names of the steps this chain runs, in order; the access list and rate limit only when the rule has them.</summary>
    internal IReadOnlyList<string> StepNames
    {
        get
        {
            List<string> names = [DrainingStep.Name];
            if (_access is not null)
            {
                names.Add(AccessListStep.Name);
            }

            if (_rateLimit is not null)
            {
                names.Add(RateLimitStep.Name);
            }

            names.Add(SessionCapStep.Name);
            names.Add(UpstreamPickStep.Name);
            return names;
        }
    }

    /// <summary>Stops admitting new sessions; sessions already open keep running.</summary>
    public void Drain() => _draining.Drain();

    /// <summary>
    /// Switches every step to a rule changed in place, adding or removing the access list and rate limit steps as the rule
    /// now has them; an unknown balancing policy throws before anything changes. A rate limit that stays the same keeps its buckets.
    /// </summary>
    public void Update(RuleConfig config, IReadOnlyList<UpstreamState> upstreams)
    {
        ArgumentNullException.ThrowIfNull(config);
        _pick.Update(config, upstreams);
        _access = AccessListStep.For(config.Access);
        _rateLimit = RateLimitStep.For(config.RateLimit, _rateLimit);
        _caps.Update(config.Session);
    }

    /// <summary>
    /// Steps 1 to 4 for a new session of <paramref name="client"/>, charging <paramref name="bytes"/> to its rate limit (a
    /// udp peer's first datagram; 0 for a tcp connection). On admission the session holds a place under <paramref name="key"/>.
    /// A tcp connection at its client's cap is answered <see cref="DropReason.ClientLimit"/> without being counted yet: its
    /// client may have closed connections the relay has not read yet, so the caller waits for a place with <see cref="AdmitAgain"/>.
    /// </summary>
    public DropReason? Admit(SocketAddress client, int bytes, out ClientKey key)
    {
        ArgumentNullException.ThrowIfNull(client);
        key = default;
        var refusal = _draining.Check() ?? _access?.Check(client) ?? _rateLimit?.Check(client, bytes);
        if (refusal is null)
        {
            key = ClientKey.FromSocketAddress(client);
            refusal = _caps.Check(key);
            if (refusal == DropReason.ClientLimit && _protocol == RuleProtocol.Tcp)
            {
                return refusal;
            }
        }

        return Counted(refusal);
    }

    /// <summary>
    /// Steps 1 and 4 again for a tcp connection waiting at its client's cap (the access list and rate limit already let it
    /// in). A <see cref="DropReason.ClientLimit"/> answer is counted only when <paramref name="final"/>: the wait is over.
    /// </summary>
    public DropReason? AdmitAgain(ClientKey key, bool final)
    {
        var refusal = _draining.Check() ?? _caps.Check(key);
        return refusal == DropReason.ClientLimit && !final ? refusal : Counted(refusal);
    }

    /// <summary>
    /// Step 3 alone, for each datagram of a udp peer that has a session: counts and refuses one over the limit. Without a
    /// rate limit every datagram passes here, with no call into the step.
    /// </summary>
    public bool AllowsDatagram(SocketAddress client, int bytes) => _rateLimit is not { } rateLimit || Counted(rateLimit.Check(client, bytes)) is null;

    /// <summary>
    /// Step 5: the upstream of a new session of <paramref name="client"/> (<paramref name="routed"/> when a token names it),
    /// leaving out <paramref name="exclude"/> (upstreams a tcp session failed to connect to); <paramref name="shared"/> (the
    /// upstream the cluster remembers for a udp client) when available. Null when none is available;
    /// counted as <see cref="DropReason.NoUpstream"/> on a first pick, not when failover runs out.
    /// </summary>
    public UpstreamState? PickUpstream(
        IPAddress client, UpstreamState? routed = null, IReadOnlyCollection<UpstreamState>? exclude = null, UpstreamState? shared = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var upstream = _pick.Pick(client, routed, exclude, shared);
        if (upstream is null && exclude is not { Count: > 0 })
        {
            _dropped(DropReason.NoUpstream);
        }

        return upstream;
    }

    private DropReason? Counted(DropReason? refusal)
    {
        if (refusal is { } reason)
        {
            _dropped(reason);
        }

        return refusal;
    }
}
