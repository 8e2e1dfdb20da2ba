using Microsoft.AspNetCore.Http;
using RelayCluster.Core.Admin;

namespace RelayCluster.Node.Admin;

/// <summary>RFC 7807 answers: every error of the admin API says what went wrong and why.</summary>
internal static class Problems
{
    public static IResult Of(int status, string title, string detail, IReadOnlyList<string>? errors = null) =>
        Results.Json(
            new ProblemDto($"https://relay-cluster.dev/problems/{status}", title, status, detail, errors),
            AdminJson.Options,
            AdminJson.ProblemContentType,
            status);

    public static IResult BadRequest(string detail, IReadOnlyList<string>? errors = null) => Of(400, "Bad request", detail, errors);

    public static IResult Unauthorized() =>
        Of(401, "Unauthorized", "This change needs 'Authorization: Bearer <token>' with the node's admin token.");

    public static IResult NotFound(string detail) => Of(404, "Not found", detail);

    public static IResult Conflict(string detail) => Of(409, "Conflict", detail);

    public static IResult Unavailable(string detail) => Of(503, "Backplane unavailable", detail);
}
