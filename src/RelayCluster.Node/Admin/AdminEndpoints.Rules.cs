using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RelayCluster.Core.Admin;
using RelayCluster.Node.Cluster;

namespace RelayCluster.Node.Admin;

internal static partial class AdminEndpoints
{
    private static void MapRules(IEndpointRouteBuilder app, ClusterCoordinator cluster, AdminOptions options)
    {
        app.MapGet(AdminRoutes.Rules, () => Json(new RuleListDto(
            cluster.Backplane.View.Rules.Values.OrderBy(rule => rule.Name, StringComparer.Ordinal).Select(AdminViews.Rule).ToList())));
        app.MapGet("/api/rules/{name}", (string name) =>
            cluster.Backplane.View.Rules.GetValueOrDefault(name) is { } rule ? Json(AdminViews.Rule(rule)) : Problems.NotFound($"There is no rule '{name}'."));
        app.MapPut("/api/rules/{name}", (HttpRequest request, string name, CancellationToken cancellationToken) =>
            AuthorizedAsync(request, options, () => PutRuleAsync(request, cluster, name, cancellationToken)));
        app.MapDelete("/api/rules/{name}", (HttpRequest request, string name, CancellationToken cancellationToken) =>
            AuthorizedAsync(request, options, () => DeleteRuleAsync(request, cluster, name, cancellationToken)));
    }

    private static async Task<IResult> PutRuleAsync(HttpRequest request, ClusterCoordinator cluster, string name, CancellationToken cancellationToken)
    {
        if (!TryReadQueryFlag(request, "dry-run", out var dryRun, out var problem) || !TryReadIfMatch(request, out var expected, out problem))
        {
            return problem!;
        }

        string body;
        try
        {
            using var reader = new StreamReader(request.Body);
            body = await reader.ReadToEndAsync(cancellationToken);
        }
        catch (BadHttpRequestException e)
        {
            return Problems.Of(e.StatusCode, "Bad request", e.Message);
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            return Problems.BadRequest("The body must be the rule's object in JSON or HOCON, such as { protocol = udp, listen = \"0.0.0.0:27015\", upstreams = [...] }.");
        }

        var result = await cluster.PutRuleAsync(name, body, expected, dryRun, cancellationToken);
        if (result.IsInvalid)
        {
            return Problems.BadRequest($"Rule '{name}' is not valid; nothing was changed.", result.Errors);
        }

        return result.Outcome switch
        {
            RuleWriteOutcome.Conflict => Problems.Conflict($"Rule '{name}' is at revision {result.Revision}, not {expected}; nothing was changed."),
            RuleWriteOutcome.Unavailable => Problems.Unavailable("The backplane cannot be reached; nothing was changed."),
            _ => Json(new RuleWriteDto(name, result.Change, result.Revision, dryRun), result.Change == "created" && !dryRun ? 201 : 200),
        };
    }

    private static async Task<IResult> DeleteRuleAsync(HttpRequest request, ClusterCoordinator cluster, string name, CancellationToken cancellationToken)
    {
        if (!TryReadIfMatch(request, out var expected, out var problem))
        {
            return problem!;
        }

        var result = await cluster.DeleteRuleAsync(name, expected, cancellationToken);
        return result.Outcome switch
        {
            RuleWriteOutcome.NotFound => Problems.NotFound($"There is no rule '{name}'."),
            RuleWriteOutcome.Conflict => Problems.Conflict($"Rule '{name}' is at revision {result.Revision}, not {expected}; nothing was changed."),
            RuleWriteOutcome.Unavailable => Problems.Unavailable("The backplane cannot be reached; nothing was changed."),
            _ => Json(new RuleWriteDto(name, result.Change, result.Revision, DryRun: false)),
        };
    }

    private static bool TryReadIfMatch(HttpRequest request, out long? expected, out IResult? problem)
    {
        expected = null;
        problem = null;
        var header = request.Headers.IfMatch.ToString();
        if (header.Length == 0 || header == "*")
        {
            return true;
        }

        if (long.TryParse(header.Trim().Trim('"'), out var revision) && revision >= 0)
        {
            expected = revision;
            return true;
        }

        problem = Problems.BadRequest($"If-Match must be a rule revision such as \"42\", not '{header}'.");
        return false;
    }

    private static bool TryReadQueryFlag(HttpRequest request, string name, out bool value, out IResult? problem)
    {
        problem = null;
        var text = request.Query[name].ToString();
        if (text.Length == 0 || bool.TryParse(text, out value))
        {
            value = text.Length > 0 && bool.Parse(text);
            return true;
        }

        problem = Problems.BadRequest($"{name} must be true or false, not '{text}'.");
        return false;
    }
}
