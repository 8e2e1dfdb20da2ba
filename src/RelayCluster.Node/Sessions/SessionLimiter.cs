using System.Net;
using RelayCluster.Core.Traffic;

namespace RelayCluster.Node.Sessions;

/// <summary>
/// Admits new sessions of one rule against the rule's cap, the per-client-IP cap (0: none) and the node's descriptor
/// budget. Runs once per new session, never per datagram. With a per-IP cap it also knows each client's sessions, so a
/// client at its cap can have its idlest one reclaimed (<see cref="Idlest"/>).
/// </summary>
public sealed class SessionLimiter
{
    private readonly Dictionary<ClientKey, ClientPlaces> _perClient = [];
    private readonly Lock _lock = new();
    private readonly SessionBudget _budget;
    private readonly int _descriptorsPerSession;
    private int _count;

    /// <summary>Creates a limiter with the rule's caps, drawing <paramref name="descriptorsPerSession"/> from <paramref name="budget"/> per session.</summary>
    public SessionLimiter(int max, int maxPerClientIp, SessionBudget budget, int descriptorsPerSession)
    {
        Max = max;
        MaxPerClientIp = maxPerClientIp;
        _budget = budget;
        _descriptorsPerSession = descriptorsPerSession;
    }

    /// <summary>The rule's session cap; a lower cap set at runtime refuses new sessions until enough have ended.</summary>
    public int Max { get; internal set; }

    /// <summary>The cap per client IP; 0 sets none.</summary>
    public int MaxPerClientIp { get; internal set; }

    /// <summary>How many sessions hold a place now.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>
    /// Whether the rule's cap or the node's budget has no room left: a check without a lock or an allocation, so a flood of
    /// new peers against a full rule is refused cheaply before <see cref="TryAdmit(ClientKey)"/> (which decides) is reached.
    /// </summary>
    public bool IsFull => Volatile.Read(ref _count) >= Max || _budget.Available < _descriptorsPerSession;

    /// <summary>How many sessions of <paramref name="client"/> hold a place now.</summary>
    public int CountOf(IPAddress client)
    {
        lock (_lock)
        {
            return _perClient.TryGetValue(ClientKey.FromAddress(client), out var places) ? places.Count : 0;
        }
    }

    /// <summary>Takes a place for a new session of <paramref name="client"/>, or says why not.</summary>
    public DropReason? TryAdmit(IPAddress client) => TryAdmit(ClientKey.FromAddress(client));

    /// <summary>Takes a place for a new session of <paramref name="client"/>, or says why not; a refusal allocates nothing.</summary>
    public DropReason? TryAdmit(ClientKey client)
    {
        lock (_lock)
        {
            if (_count >= Max)
            {
                return DropReason.SessionLimit;
            }

            _perClient.TryGetValue(client, out var places);
            var cap = MaxPerClientIp;
            if (cap > 0 && places is not null && places.Count >= cap)
            {
                return DropReason.ClientLimit;
            }

            if (!_budget.TryTake(_descriptorsPerSession))
            {
                return DropReason.SessionLimit;
            }

            Volatile.Write(ref _count, _count + 1);
            if (places is null)
            {
                places = new ClientPlaces();
                _perClient[client] = places;
            }

            places.Count++;
            return null;
        }
    }

    /// <summary>
    /// Remembers <paramref name="session"/> as one of <paramref name="client"/>'s, once it holds a place, so that
    /// <see cref="Idlest"/> can find it. Only while a per-IP cap is set: without one nothing is ever reclaimed.
    /// </summary>
    public void Track(ClientKey client, IRelaySession session)
    {
        if (MaxPerClientIp <= 0)
        {
            return;
        }

        lock (_lock)
        {
            // A session that already ended has given its place back; remembering it would keep it forever.
            if (!session.IsClosed && _perClient.TryGetValue(client, out var places))
            {
                (places.Sessions ??= new HashSet<IRelaySession>(ReferenceEqualityComparer.Instance)).Add(session);
            }
        }
    }

    /// <summary>
    /// The idlest live session of <paramref name="client"/> when it has been idle since <paramref name="idleSince"/>
    /// (<see cref="Environment.TickCount64"/> milliseconds) or longer; otherwise null. Allocates nothing.
    /// </summary>
    public IRelaySession? Idlest(ClientKey client, long idleSince)
    {
        lock (_lock)
        {
            if (!_perClient.TryGetValue(client, out var places) || places.Sessions is not { } sessions)
            {
                return null;
            }

            IRelaySession? idlest = null;
            foreach (var session in sessions)
            {
                if (!session.IsClosed && (idlest is null || session.LastActivity < idlest.LastActivity))
                {
                    idlest = session;
                }
            }

            return idlest is not null && idlest.LastActivity <= idleSince ? idlest : null;
        }
    }

    /// <summary>
    /// A live session of <paramref name="client"/> that <paramref name="match"/> picks, or null; the predicate runs under
    /// the limiter's lock, so it must be quick. Allocates nothing when <paramref name="match"/> is a static lambda.
    /// </summary>
    public IRelaySession? Find(ClientKey client, Func<IRelaySession, bool> match)
    {
        ArgumentNullException.ThrowIfNull(match);
        lock (_lock)
        {
            if (!_perClient.TryGetValue(client, out var places) || places.Sessions is not { } sessions)
            {
                return null;
            }

            foreach (var session in sessions)
            {
                if (match(session))
                {
                    return session;
                }
            }

            return null;
        }
    }

    /// <summary>Gives back the place of an ended session of <paramref name="client"/>.</summary>
    public void Release(IPAddress client) => Release(ClientKey.FromAddress(client));

    /// <summary>Gives back the place of an ended session of <paramref name="client"/>, forgetting <paramref name="session"/>.</summary>
    public void Release(ClientKey client, IRelaySession? session = null)
    {
        lock (_lock)
        {
            if (!_perClient.TryGetValue(client, out var places))
            {
                return;
            }

            Volatile.Write(ref _count, _count - 1);
            if (places.Count <= 1)
            {
                _perClient.Remove(client);
            }
            else
            {
                places.Count--;
                if (session is not null)
                {
                    places.Sessions?.Remove(session);
                }
            }

            _budget.Return(_descriptorsPerSession);
        }
    }

    /// <summary>The places one client IP holds, and its sessions while a per-IP cap is set.</summary>
    private sealed class ClientPlaces
    {
        public int Count;

        public HashSet<IRelaySession>? Sessions;
    }
}
