using RelayCluster.Core.Configuration;

namespace RelayCluster.Node.Rules;

/// <summary>
/// Says which parts of a valid rule this node cannot enforce yet. A rule that asks for traffic policy the node
/// would silently skip must not start.
/// </summary>
internal static class RuleSupport
{
    /// <summary>Why <paramref name="rule"/> cannot run on this node, or an empty list.</summary>
    public static IReadOnlyList<string> Unsupported(RuleConfig rule)
    {
        var reasons = new List<string>();
        if (rule.Protocol == RuleProtocol.Tcp && rule.RateLimit.BytesPerSecond > 0)
        {
            reasons.Add("rate-limit.bytes-per-second is enforced on udp rules only (a tcp rule limits new connections with packets-per-second)");
        }

        return reasons;
    }
}
