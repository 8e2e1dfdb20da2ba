using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RelayCluster.Core.Admin;
using RelayCluster.Core.Upstreams;
using RelayCluster.Node.Cluster;

namespace RelayCluster.Node.Admin;

internal static partial class AdminEndpoints
{
    private static void MapUpstreams(IEndpointRouteBuilder app, ClusterCoordinator cluster, AdminOptions options)
    {
        app.MapGet(AdminRoutes.Upstreams, (HttpRequest request) =>
        {
            var rule = request.Query["rule"].ToString();
            if (rule.Length > 0 && cluster.Node.FindRule(rule) is null)
            {
                return Problems.NotFound($"There is no rule '{rule}' on this node.");
            }

            return Json(AdminViews.Upstreams(cluster, rule.Length > 0 ? rule : null));
        });
        app.MapPost("/api/rules/{rule}/upstreams/{address}/{action}", (HttpRequest request, string rule, string address, string action, CancellationToken cancellationToken) =>
            AuthorizedAsync(request, options, () => SetUpstreamStateAsync(cluster, rule, address, action, cancellationToken)));
    }

    private static async Task<IResult> SetUpstreamStateAsync(ClusterCoordinator cluster, string rule, string address, string action, CancellationToken cancellationToken)
    {
        UpstreamAdminState? state = action switch
        {
            "drain" => UpstreamAdminState.Draining,
            "enable" => UpstreamAdminState.Enabled,
            "disable" => UpstreamAdminState.Disabled,
            _ => null,
        };
        if (state is null)
        {
            return Problems.BadRequest($"The action must be drain, enable or disable, not '{action}'.");
        }

        return await cluster.SetUpstreamStateAsync(rule, address, state.Value, cancellationToken)
            ? Json(new UpstreamActionDto(rule, address, AdminViews.Name(state.Value)))
            : Problems.NotFound($"Rule '{rule}' has no upstream '{address}'.");
    }
}
