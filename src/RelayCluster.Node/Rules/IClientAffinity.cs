using System.Net;
using RelayCluster.Core.Upstreams;

namespace RelayCluster.Node.Rules;

/// <summary>
/// Which upstream each client of a rule was given, as the node's rules read and share it (<c>session.affinity = cluster</c>);
/// the node's affinity table implements it over the cluster's shared entries.
/// </summary>
public interface IClientAffinity
{
    /// <summary>The upstream remembered for <paramref name="client"/> of <paramref name="rule"/>, when it is one of <paramref name="upstreams"/>; else null.</summary>
    UpstreamState? Find(string rule, IPEndPoint client, IReadOnlyList<UpstreamState> upstreams);

    /// <summary>Counts a new session that was given its remembered upstream.</summary>
    void Hit();

    /// <summary>Shares the upstream of a new session, to lapse <paramref name="idleTimeout"/> after its last traffic.</summary>
    void Opened(string rule, IPEndPoint client, string upstream, TimeSpan idleTimeout);
}
