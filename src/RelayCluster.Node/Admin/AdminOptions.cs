namespace RelayCluster.Node.Admin;

/// <summary>What the admin API needs besides the cluster.</summary>
public sealed class AdminOptions
{
    /// <summary>The Bearer token every mutation must carry; null lets any caller change things (loopback binds only).</summary>
    public string? Token { get; init; }

    /// <summary>Writes the Prometheus text exposition of <c>/metrics</c>; null answers 404.</summary>
    public Func<Stream, CancellationToken, Task>? WriteMetrics { get; init; }

    /// <summary>Starts this node's graceful leave (<c>POST /api/node/leave</c>); null answers 501.</summary>
    public Action? RequestLeave { get; init; }
}
