using RelayCluster.Core.Configuration;
using RelayCluster.Core.Traffic;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Admission;

/// <summary>
/// Step 4 of admission: the rule's <c>session.max</c>, the per-client-IP cap and the node's descriptor budget, through the
/// rule's <see cref="SessionLimiter"/>. A client at its cap first makes room where the protocol allows: a udp client's
/// idlest session goes when idle for <c>session.reclaim-after</c> (closed as <c>reclaimed</c>); a tcp connection whose
/// client close was already read gives its place back. Refusals allocate nothing.
/// </summary>
internal sealed class SessionCapStep(SessionLimiter limiter, RuleProtocol protocol, TimeSpan reclaimAfter)
{
    /// <summary>The step's name in <see cref="AdmissionChain.StepNames"/>.</summary>
    public const string Name = "caps";

    private static readonly Func<IRelaySession, bool> s_clientHasFinished = static session => session is TcpSession { ClientHasFinished: true };
    private long _reclaimAfterMs = (long)reclaimAfter.TotalMilliseconds;

    /// <summary>The limiter this step takes places from.</summary>
    public SessionLimiter Limiter { get; } = limiter;

    /// <summary>Takes the caps of a rule changed in place.</summary>
    public void Update(SessionConfig session)
    {
        Limiter.Max = session.Max;
        Limiter.MaxPerClientIp = session.MaxPerClientIp;
        Volatile.Write(ref _reclaimAfterMs, (long)session.ReclaimAfter.TotalMilliseconds);
    }

    /// <summary>Takes a place for a new session of <paramref name="client"/>, or says why not.</summary>
    public DropReason? Check(ClientKey client)
    {
        // Lock-free first: a flood of new peers against a full rule is refused before the limiter's lock.
        if (Limiter.IsFull)
        {
            return DropReason.SessionLimit;
        }

        var refusal = Limiter.TryAdmit(client);
        if (refusal == DropReason.ClientLimit && MakeRoom(client))
        {
            refusal = Limiter.TryAdmit(client);
        }

        return refusal;
    }

    private bool MakeRoom(ClientKey client)
    {
        if (protocol == RuleProtocol.Tcp)
        {
            if (Limiter.Find(client, s_clientHasFinished) is TcpSession finished)
            {
                finished.ReleasePlace();
                return true;
            }

            return false;
        }

        var idleSince = Environment.TickCount64 - Volatile.Read(ref _reclaimAfterMs);
        return Limiter.Idlest(client, idleSince) is UdpSession idlest && idlest.Close(SessionCloseReason.Reclaimed);
    }
}
