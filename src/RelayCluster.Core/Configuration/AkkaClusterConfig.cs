using System.Net;

namespace RelayCluster.Core.Configuration;

/// <summary>The Akka.Cluster backplane (<c>relay.cluster.akka</c>).</summary>
public sealed record AkkaClusterConfig
{
    /// <summary>The default <see cref="Bind"/>: <c>0.0.0.0:4053</c>.</summary>
    public static readonly IPEndPoint DefaultBind = new(IPAddress.Any, 4053);

    /// <summary>The default <see cref="AcceptableHeartbeatPause"/>: 3 seconds.</summary>
    public static readonly TimeSpan DefaultAcceptableHeartbeatPause = TimeSpan.FromSeconds(3);

    /// <summary>The default <see cref="StableAfter"/>: 7 seconds.</summary>
    public static readonly TimeSpan DefaultStableAfter = TimeSpan.FromSeconds(7);

    /// <summary>The default <see cref="StateDir"/>: <c>relay-state</c>, next to the first config file.</summary>
    public const string DefaultStateDir = "relay-state";

    /// <summary>Where remoting listens (<c>bind</c>); port 0 takes any free port; default <c>0.0.0.0:4053</c>.</summary>
    public IPEndPoint Bind { get; init; } = DefaultBind;

    /// <summary>Where the other members reach this node (<c>public-address</c>); null: the bind address (the host name for a wildcard).</summary>
    public ClusterAddress? PublicAddress { get; init; }

    /// <summary>The members a node contacts to join (<c>seed-nodes</c>), names resolved at start; empty: the node forms a cluster of its own.</summary>
    public IReadOnlyList<ClusterAddress> SeedNodes { get; init; } = [];

    /// <summary>Which side of a partition survives (<c>split-brain-resolver.strategy</c>); default keep-majority.</summary>
    public SplitBrainStrategy Strategy { get; init; } = SplitBrainStrategy.KeepMajority;

    /// <summary>How long membership must be stable before the resolver acts (<c>split-brain-resolver.stable-after</c>); default 7 s.</summary>
    public TimeSpan StableAfter { get; init; } = DefaultStableAfter;

    /// <summary>The members a side needs to stay with static-quorum (<c>split-brain-resolver.quorum-size</c>); default 2.</summary>
    public int QuorumSize { get; init; } = 2;

    /// <summary>How long heartbeats may pause before a member is unreachable (<c>acceptable-heartbeat-pause</c>); default 3 s.</summary>
    public TimeSpan AcceptableHeartbeatPause { get; init; } = DefaultAcceptableHeartbeatPause;

    /// <summary>The durable rules and upstream states, as a full path (<c>state-dir</c>, relative to the first config file).</summary>
    public string StateDir { get; init; } = DefaultStateDir;

    /// <summary>Whether both configure the same backplane, comparing seed nodes element by element.</summary>
    public bool Equals(AkkaClusterConfig? other) =>
        other is not null
        && Equals(Bind, other.Bind)
        && PublicAddress == other.PublicAddress
        && Sequences.Equal(SeedNodes, other.SeedNodes)
        && Strategy == other.Strategy
        && StableAfter == other.StableAfter
        && QuorumSize == other.QuorumSize
        && AcceptableHeartbeatPause == other.AcceptableHeartbeatPause
        && string.Equals(StateDir, other.StateDir, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Bind, PublicAddress, Sequences.Hash(SeedNodes), Strategy, StableAfter, AcceptableHeartbeatPause, StateDir);
}
