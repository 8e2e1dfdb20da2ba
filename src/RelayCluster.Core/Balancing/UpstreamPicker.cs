using RelayCluster.Core.Upstreams;

namespace RelayCluster.Core.Balancing;

/// <summary>
/// Picks the upstream for a new session: keeps the available upstreams and asks the policy only
/// when there is a choice to make. Allocates nothing once a thread has its buffer.
/// </summary>
public static class UpstreamPicker
{
    [ThreadStatic]
    private static List<UpstreamState>? s_available;

    /// <summary>Picks one of the available upstreams among <paramref name="upstreams"/> with <paramref name="policy"/>.</summary>
    /// <param name="policy">The rule's balancing policy.</param>
    /// <param name="context">The new session's client and the rule's balancing state.</param>
    /// <param name="upstreams">All upstreams of the rule, available or not.</param>
    /// <returns>The upstream, or null when none is available.</returns>
    public static UpstreamState? Pick(IBalancingPolicy policy, BalancingContext context, IReadOnlyList<UpstreamState> upstreams)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(upstreams);

        var count = CountAvailable(policy, upstreams, out var firstAvailable);
        if (count <= 1)
        {
            return firstAvailable;
        }

        if (count == upstreams.Count)
        {
            return policy.Pick(context, upstreams);
        }

        var available = s_available ??= [];
        try
        {
            // Health can change between counting and copying; the policy must still see at least two.
            return CopyAvailable(policy, upstreams, available) switch
            {
                0 => null,
                1 => available[0],
                _ => policy.Pick(context, available),
            };
        }
        finally
        {
            available.Clear();
        }
    }

    /// <summary>Replaces the contents of <paramref name="destination"/> with the upstreams available to <paramref name="policy"/>, in order.</summary>
    /// <returns>How many upstreams are available.</returns>
    public static int CopyAvailable(IBalancingPolicy policy, IReadOnlyList<UpstreamState> upstreams, List<UpstreamState> destination)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(upstreams);
        ArgumentNullException.ThrowIfNull(destination);

        destination.Clear();
        for (var i = 0; i < upstreams.Count; i++)
        {
            if (upstreams[i].IsAvailable && policy.Admits(upstreams[i]))
            {
                destination.Add(upstreams[i]);
            }
        }

        return destination.Count;
    }

    private static int CountAvailable(IBalancingPolicy policy, IReadOnlyList<UpstreamState> upstreams, out UpstreamState? firstAvailable)
    {
        firstAvailable = null;
        var count = 0;
        for (var i = 0; i < upstreams.Count; i++)
        {
            if (upstreams[i].IsAvailable && policy.Admits(upstreams[i]))
            {
                firstAvailable ??= upstreams[i];
                count++;
            }
        }

        return count;
    }
}
