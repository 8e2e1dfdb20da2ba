using System.CommandLine;

namespace RelayCluster.Cli.Admin;

/// <summary>Runs commands that talk to a node: one client per run, and every failure turned into relayctl's exit codes.</summary>
internal static class AdminCommand
{
    /// <summary>Makes <paramref name="run"/> the action of <paramref name="command"/>, with a client of the node the global options name.</summary>
    public static void SetAction(Command command, CliContext context, Func<AdminClient, ParseResult, CancellationToken, Task<int>> run) =>
        command.SetAction((parseResult, cancellationToken) => RunAsync(context, parseResult, run, cancellationToken));

    /// <summary>Runs <paramref name="run"/>; a problem the node reported exits 1, an unreachable node 3, an interrupt 130.</summary>
    public static async Task<int> RunAsync(
        CliContext context, ParseResult parseResult, Func<AdminClient, ParseResult, CancellationToken, Task<int>> run, CancellationToken cancellationToken)
    {
        var token = context.GetToken(parseResult);
        using var client = new AdminClient(context.GetNode(parseResult), token, context.RequestTimeout);
        try
        {
            return await run(client, parseResult, cancellationToken);
        }
        catch (Exception e) when (ToExitCode(e, context.Error, hasToken: !string.IsNullOrEmpty(token), cancellationToken) is { } exitCode)
        {
            return exitCode;
        }
    }

    /// <summary>Writes what went wrong to <paramref name="error"/> and returns the exit code; null for a failure that is a bug.</summary>
    public static int? ToExitCode(Exception exception, TextWriter error, bool hasToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        switch (exception)
        {
            case AdminProblemException { Problem: var problem }:
                foreach (var line in ProblemText.Lines(problem, hasToken))
                {
                    error.WriteLine(line);
                }

                return ExitCodes.Error;
            case NodeUnreachableException unreachable:
                error.WriteLine(unreachable.Message);
                return ExitCodes.Unreachable;
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
                error.WriteLine("interrupted");
                return ExitCodes.Interrupted;
            default:
                return null;
        }
    }
}
