namespace RelayCluster.Core.Configuration;

/// <summary>
/// The balancing policy names a rule may use. Kept here rather than read from the balancing
/// policies so that configuration does not depend on them; a test keeps the two lists equal.
/// </summary>
internal static class BalancingPolicyNames
{
    public const string RoundRobin = "round-robin";
    public const string LeastSessions = "least-sessions";
    public const string RandomTwo = "random-two";
    public const string HashClientIp = "hash-client-ip";
    public const string MostFreeSlots = "most-free-slots";

    public static readonly IReadOnlyList<string> All = [RoundRobin, LeastSessions, RandomTwo, HashClientIp, MostFreeSlots];
}
