using Microsoft.AspNetCore.Http;

namespace RelayCluster.Node.Admin;

/// <summary>What the admin API needs besides the cluster.</summary>
public sealed class AdminOptions
{
    /// <summary>The Bearer token every mutation must carry; null lets any caller change things (loopback binds only).</summary>
    public string? Token { get; init; }

    /// <summary>Answers <c>GET /metrics</c> with the Prometheus exposition; null answers 404.</summary>
    public Func<HttpContext, Task>? ServeMetrics { get; init; }

    /// <summary>Starts this node's graceful leave (<c>POST /api/node/leave</c>); null answers 501.</summary>
    public Action? RequestLeave { get; init; }
}
