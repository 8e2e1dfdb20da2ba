using System.Collections.Frozen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace RelayCluster.Node.Dashboard;

/// <summary>
/// The live dashboard on the admin port: <c>GET /</c> and its script and style under <c>/dashboard/</c>, embedded in the
/// node's assembly. The page reads the admin API's JSON only, so it shows whatever the API shows of the cluster.
/// </summary>
internal static class DashboardEndpoints
{
    /// <summary>The page may load and call nothing but this node.</summary>
    public const string ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private static readonly FrozenDictionary<string, DashboardAsset> s_assets = new Dictionary<string, DashboardAsset>
    {
        ["/"] = DashboardAsset.Load("index.html", "text/html; charset=utf-8"),
        ["/dashboard/dashboard.js"] = DashboardAsset.Load("dashboard.js", "text/javascript; charset=utf-8"),
        ["/dashboard/dashboard.css"] = DashboardAsset.Load("dashboard.css", "text/css; charset=utf-8"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static void Map(IEndpointRouteBuilder app)
    {
        foreach (var (path, asset) in s_assets)
        {
            app.MapGet(path, (HttpContext context) => ServeAsync(context, asset));
        }
    }

    private static Task ServeAsync(HttpContext context, DashboardAsset asset)
    {
        var headers = context.Response.Headers;
        headers.ContentType = asset.ContentType;
        headers.CacheControl = "no-cache";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        context.Response.ContentLength = asset.Content.Length;
        return context.Response.Body.WriteAsync(asset.Content, context.RequestAborted).AsTask();
    }
}
