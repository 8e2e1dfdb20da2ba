using System.Net;
using RelayCluster.Core.Traffic;

namespace RelayCluster.Node.Sessions;

/// <summary>
/// Admits new sessions of one rule against the rule's cap, the per-client-IP cap and the node's descriptor budget.
/// Runs once per new session, never per datagram.
/// </summary>
public sealed class SessionLimiter
{
    private readonly Dictionary<ClientKey, int> _perClient = [];
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

    /// <summary>The cap per client IP.</summary>
    public int MaxPerClientIp { get; internal set; }

    /// <summary>How many sessions hold a place now.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>
    /// Whether the rule's cap or the node's budget has no room left: a check without a lock or an allocation, so a flood of
    /// new peers against a full rule is refused cheaply before <see cref="TryAdmit(ClientKey)"/> (which decides) is reached.
    /// </summary>
    public bool IsFull => Volatile.Read(ref _count) >= Max || _budget.Available < _descriptorsPerSession;

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

            var perClient = _perClient.GetValueOrDefault(client);
            if (perClient >= MaxPerClientIp)
            {
                return DropReason.ClientLimit;
            }

            if (!_budget.TryTake(_descriptorsPerSession))
            {
                return DropReason.SessionLimit;
            }

            Volatile.Write(ref _count, _count + 1);
            _perClient[client] = perClient + 1;
            return null;
        }
    }

    /// <summary>Gives back the place of an ended session of <paramref name="client"/>.</summary>
    public void Release(IPAddress client) => Release(ClientKey.FromAddress(client));

    /// <summary>Gives back the place of an ended session of <paramref name="client"/>.</summary>
    public void Release(ClientKey client)
    {
        lock (_lock)
        {
            if (!_perClient.TryGetValue(client, out var perClient))
            {
                return;
            }

            Volatile.Write(ref _count, _count - 1);
            if (perClient <= 1)
            {
                _perClient.Remove(client);
            }
            else
            {
                _perClient[client] = perClient - 1;
            }

            _budget.Return(_descriptorsPerSession);
        }
    }
}
