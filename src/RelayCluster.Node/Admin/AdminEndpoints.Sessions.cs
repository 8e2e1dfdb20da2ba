using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RelayCluster.Core.Admin;
using RelayCluster.Node.Cluster;

namespace RelayCluster.Node.Admin;

internal static partial class AdminEndpoints
{
    private const int DefaultSessionLimit = 100;
    private const int MaxSessionLimit = 10_000;

    private static void MapSessions(IEndpointRouteBuilder app, ClusterCoordinator cluster)
    {
        app.MapGet(AdminRoutes.Sessions, (HttpRequest request) =>
        {
            var rule = request.Query["rule"].ToString();
            if (rule.Length > 0 && cluster.Node.FindRule(rule) is null)
            {
                return Problems.NotFound($"There is no rule '{rule}' on this node.");
            }

            var limitText = request.Query["limit"].ToString();
            var limit = DefaultSessionLimit;
            if (limitText.Length > 0 && (!int.TryParse(limitText, out limit) || limit < 0 || limit > MaxSessionLimit))
            {
                return Problems.BadRequest($"limit must be a number from 0 to {MaxSessionLimit}, not '{limitText}'.");
            }

            return Json(AdminViews.Sessions(cluster, rule.Length > 0 ? rule : null, limit));
        });
        app.MapGet(AdminRoutes.Stats, () => Json(AdminViews.Stats(cluster)));
        app.MapGet(AdminRoutes.Actors, async (CancellationToken cancellationToken) => Json(await cluster.Node.ListActorsAsync(cancellationToken)));
    }
}
