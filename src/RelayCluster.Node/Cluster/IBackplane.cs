using RelayCluster.Core.Upstreams;

namespace RelayCluster.Node.Cluster;

/// <summary>
/// Where the cluster's shared state lives: membership, rules, upstream admin states and load stats. The node reads it
/// through <see cref="View"/> and <see cref="Changed"/>, and writes it through the methods; every write goes to the
/// backplane first and reaches the view (this node's included) from there, so all nodes apply the same changes.
/// </summary>
public interface IBackplane : IAsyncDisposable
{
    /// <summary><c>embedded</c> or <c>akka</c>.</summary>
    string Kind { get; }

    /// <summary>The current view; never null.</summary>
    ClusterView View { get; }

    /// <summary>Raised with the new view after every change, one at a time.</summary>
    event Action<ClusterView>? Changed;

    /// <summary>
    /// Registers <paramref name="self"/> (as joining) and loads the cluster's rules; when the cluster has none yet,
    /// seeds them with <paramref name="seed"/>. Returns once the view holds the rules, or throws when the backplane
    /// cannot be reached within its timeout.
    /// </summary>
    Task StartAsync(Member self, IReadOnlyList<StoredRule> seed, CancellationToken cancellationToken);

    /// <summary>Sets this node's status.</summary>
    Task SetStatusAsync(MemberStatus status, CancellationToken cancellationToken);

    /// <summary>Marks member <paramref name="id"/> down; false when there is no such member.</summary>
    Task<bool> DownAsync(string id, CancellationToken cancellationToken);

    /// <summary>Writes rule <paramref name="name"/> if its revision is still <paramref name="expectedRevision"/> (0: it must not exist; null: any).</summary>
    Task<RuleWriteResult> PutRuleAsync(string name, string json, long? expectedRevision, CancellationToken cancellationToken);

    /// <summary>Deletes rule <paramref name="name"/> if its revision is still <paramref name="expectedRevision"/> (null: any).</summary>
    Task<RuleWriteResult> DeleteRuleAsync(string name, long? expectedRevision, CancellationToken cancellationToken);

    /// <summary>Sets the cluster-wide admin state of one upstream.</summary>
    Task SetUpstreamStateAsync(string rule, string address, UpstreamAdminState state, CancellationToken cancellationToken);

    /// <summary>Publishes this node's load.</summary>
    Task PublishStatsAsync(NodeStats stats, CancellationToken cancellationToken);

    /// <summary>Deregisters this node (the last step of a graceful leave).</summary>
    Task LeaveAsync(CancellationToken cancellationToken);
}
