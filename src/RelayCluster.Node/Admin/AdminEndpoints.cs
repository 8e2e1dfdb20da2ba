using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RelayCluster.Core.Admin;
using RelayCluster.Node.Cluster;

namespace RelayCluster.Node.Admin;

/// <summary>The routes of the admin API (DESIGN's list, exactly) and the dashboard; every mutation checks the Bearer token first.</summary>
internal static partial class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ClusterCoordinator cluster, AdminOptions options)
    {
        app.MapGet(AdminRoutes.Healthz, () => Results.Text("ok\n"));
        app.MapGet(AdminRoutes.Readyz, () => cluster.Ready ? Results.Text("ready\n") : Results.Text("not ready\n", statusCode: 503));
        app.MapGet(AdminRoutes.Node, () => Json(AdminViews.Node(cluster)));
        app.MapPost(AdminRoutes.NodeLeave, (HttpRequest request) => Authorized(request, options, () => Leave(options)));
        app.MapGet(AdminRoutes.Cluster, (Func<HttpContext, Task<IResult>>)(context => ClusterAsync(context, cluster)));
        app.MapPost("/api/cluster/members/{id}/down", (HttpRequest request, string id, CancellationToken cancellationToken) =>
            AuthorizedAsync(request, options, () => DownAsync(cluster, id, cancellationToken)));
        app.MapGet(AdminRoutes.Metrics, (RequestDelegate)(context => MetricsAsync(context, options)));
        MapRules(app, cluster, options);
        MapUpstreams(app, cluster, options);
        MapSessions(app, cluster);
        Dashboard.DashboardEndpoints.Map(app);
        app.MapFallback((HttpContext context) => Problems.NotFound($"No route {context.Request.Method} {context.Request.Path}."));
    }

    private static IResult Json<T>(T body, int status = 200) => Results.Json(body, AdminJson.Options, statusCode: status);

    private static IResult Authorized(HttpRequest request, AdminOptions options, Func<IResult> action) =>
        BearerToken.IsAuthorized(request, options.Token) ? action() : Problems.Unauthorized();

    private static async Task<IResult> AuthorizedAsync(HttpRequest request, AdminOptions options, Func<Task<IResult>> action) =>
        BearerToken.IsAuthorized(request, options.Token) ? await action() : Problems.Unauthorized();

    private static IResult Leave(AdminOptions options)
    {
        if (options.RequestLeave is null)
        {
            return Problems.Of(501, "Not implemented", "This node cannot be asked to leave over the API.");
        }

        options.RequestLeave();
        return Results.Accepted();
    }

    private static async Task<IResult> DownAsync(ClusterCoordinator cluster, string id, CancellationToken cancellationToken) =>
        await cluster.DownAsync(id, cancellationToken)
            ? Json(AdminViews.Cluster(cluster))
            : Problems.NotFound($"There is no member '{id}'.");

    private static async Task<IResult> ClusterAsync(HttpContext context, ClusterCoordinator cluster)
    {
        var watch = context.Request.Query["watch"].ToString();
        if (watch.Length == 0 || watch == "false")
        {
            return Json(AdminViews.Cluster(cluster));
        }

        if (watch != "true")
        {
            return Problems.BadRequest($"watch must be true or false, not '{watch}'.");
        }

        var response = context.Response;
        response.ContentType = AdminJson.EventStreamContentType;
        await response.StartAsync(context.RequestAborted);
        // Headers go out now: a quiet cluster may have nothing to say for a long time.
        await response.Body.FlushAsync(context.RequestAborted);
        try
        {
            await foreach (var change in cluster.Events.SubscribeAsync(context.RequestAborted))
            {
                await JsonSerializer.SerializeAsync(response.Body, AdminViews.Event(change), AdminJson.Options, context.RequestAborted);
                await response.Body.WriteAsync("\n"u8.ToArray(), context.RequestAborted);
                await response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }

        return Results.Empty;
    }

    private static Task MetricsAsync(HttpContext context, AdminOptions options) =>
        options.ServeMetrics is null
            ? Problems.NotFound("This node has no metrics.").ExecuteAsync(context)
            : options.ServeMetrics(context);
}
