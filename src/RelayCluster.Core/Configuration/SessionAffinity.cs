namespace RelayCluster.Core.Configuration;

/// <summary>Where the upstream each udp client (IP and port) was given is remembered (<c>session.affinity</c>).</summary>
public enum SessionAffinity
{
    /// <summary>
    /// Shared with every node of the cluster until the session's idle timeout, so a client that reaches another node
    /// (its node died) keeps its upstream (<c>cluster</c>). With the embedded backplane there is no one to share with.
    /// </summary>
    Cluster,

    /// <summary>Only the node's own session knows it; a client that reaches another node is picked anew (<c>node</c>).</summary>
    Node,
}
