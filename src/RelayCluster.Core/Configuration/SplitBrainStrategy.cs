namespace RelayCluster.Core.Configuration;

/// <summary>How the split-brain resolver decides which side of a partition survives (<c>relay.cluster.akka.split-brain-resolver.strategy</c>).</summary>
public enum SplitBrainStrategy
{
    /// <summary>The side with more members stays; on a tie, the side with the lowest address (<c>keep-majority</c>).</summary>
    KeepMajority,

    /// <summary>The side with the oldest member stays; a lone oldest member is downed instead (<c>keep-oldest</c>).</summary>
    KeepOldest,

    /// <summary>A side with at least <c>quorum-size</c> members stays (<c>static-quorum</c>).</summary>
    StaticQuorum,
}
