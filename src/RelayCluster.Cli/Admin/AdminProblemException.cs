using RelayCluster.Core.Admin;

namespace RelayCluster.Cli.Admin;

/// <summary>The node answered with an error: its RFC 7807 problem, or one made up from a status line without a body.</summary>
internal sealed class AdminProblemException(ProblemDto problem) : Exception($"{problem.Status} {problem.Title}: {problem.Detail}")
{
    /// <summary>What the node reported.</summary>
    public ProblemDto Problem { get; } = problem;
}
