using RelayCluster.Core.Admin;

namespace RelayCluster.Cli.Admin;

/// <summary>A problem as people read it: <c>error: 409 Conflict: detail</c>, then each config error on its own line.</summary>
internal static class ProblemText
{
    /// <summary>The lines for <paramref name="problem"/>; a 401 without a token says how to give one.</summary>
    public static IEnumerable<string> Lines(ProblemDto problem, bool hasToken)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var status = problem.Status > 0 ? $"{problem.Status} " : "";
        var detail = string.IsNullOrEmpty(problem.Detail) || problem.Detail == problem.Title ? "" : $": {problem.Detail}";
        yield return $"error: {status}{problem.Title}{detail}";
        foreach (var error in problem.Errors ?? [])
        {
            yield return error;
        }

        if (problem.Status == 401 && !hasToken)
        {
            yield return "this command needs the admin token: pass --token TOKEN or set RELAY_ADMIN_TOKEN";
        }
    }
}
