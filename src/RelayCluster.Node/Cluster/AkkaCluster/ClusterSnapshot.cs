using Akka.DistributedData;
using AkkaMember = Akka.Cluster.Member;
using UniqueAddress = Akka.Cluster.UniqueAddress;

namespace RelayCluster.Node.Cluster.AkkaCluster;

/// <summary>What one incarnation of the cluster system knows at one moment; a value is null until it first arrived.</summary>
/// <param name="Self">This incarnation's address.</param>
/// <param name="Members">Akka's members with their reachability as this node sees it.</param>
/// <param name="Infos">Member metadata by member address.</param>
/// <param name="Rules">Rules by name, tombstones included.</param>
/// <param name="Upstreams">Upstream admin states.</param>
/// <param name="Stats">Published load by node id.</param>
/// <param name="Downs">Incarnations an operator downed.</param>
public sealed record ClusterSnapshot(
    UniqueAddress Self,
    IReadOnlyList<(AkkaMember Member, bool Reachable)> Members,
    LWWDictionary<string, MemberInfo>? Infos,
    LWWDictionary<string, RuleEntry>? Rules,
    LWWDictionary<string, UpstreamEntry>? Upstreams,
    LWWDictionary<string, StatsEntry>? Stats,
    LWWDictionary<string, OperatorDown>? Downs)
{
    /// <summary>The key of an incarnation in <see cref="Downs"/>: <c>host:port#uid</c>.</summary>
    public static string IncarnationKey(UniqueAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return $"{MemberKey(address.Address)}#{address.Uid}";
    }

    /// <summary>The key of a member in <see cref="Infos"/>: <c>host:port</c>.</summary>
    public static string MemberKey(Akka.Actor.Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return $"{address.Host}:{address.Port}";
    }

    /// <summary>Whether an operator's down was told to this incarnation directly.</summary>
    public bool DownNoticed { get; init; }

    /// <summary>Whether an operator downed this incarnation.</summary>
    public bool SelfDownedByOperator => DownNoticed || Downs?.ContainsKey(IncarnationKey(Self)) == true;
}
