using System.Text.Json;
using RelayCluster.Core.Admin;

namespace RelayCluster.Cli.Admin;

/// <summary>Turns error answers into <see cref="ProblemDto"/>s, whether or not the answer carried one.</summary>
internal static class AdminProblems
{
    /// <summary>The problem in <paramref name="body"/>, or one made from the status line when the body is not a problem (a proxy's page, nothing).</summary>
    public static ProblemDto FromAnswer(int status, string? reasonPhrase, string body)
    {
        var title = string.IsNullOrEmpty(reasonPhrase) ? $"HTTP {status}" : reasonPhrase;
        if (TryParse(body) is { } problem)
        {
            return problem with
            {
                Type = problem.Type ?? "about:blank",
                Title = string.IsNullOrEmpty(problem.Title) ? title : problem.Title,
                Status = problem.Status == 0 ? status : problem.Status,
                Detail = problem.Detail ?? "",
            };
        }

        var text = body.Trim();
        return new ProblemDto("about:blank", title, status, text.Length > 200 ? text[..200] + "..." : text);
    }

    /// <summary>A problem for an answer relayctl cannot read.</summary>
    public static ProblemDto Unexpected(string detail) => new("about:blank", "Unexpected answer", 0, detail);

    private static ProblemDto? TryParse(string body)
    {
        if (!body.TrimStart().StartsWith('{'))
        {
            return null;
        }

        try
        {
            var problem = JsonSerializer.Deserialize<ProblemDto>(body, AdminJson.Options);
            return problem is { Title: not null } or { Detail: not null } ? problem : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
