using RelayCluster.Cli;

namespace RelayCluster.Cli.Tests;

/// <summary>Runs relayctl in process with captured output and a given environment.</summary>
internal static class CliRun
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string[] args,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? requestTimeout = null,
        TextWriter? output = null,
        CancellationToken cancellationToken = default)
    {
        using var ownOutput = new StringWriter();
        using var error = new StringWriter();
        output ??= ownOutput;
        var context = new CliContext(output, error, name => environment?.GetValueOrDefault(name))
        {
            RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(10),
        };
        var exitCode = await Relayctl.RunAsync(args, context, cancellationToken);
        return (exitCode, output.ToString()!, error.ToString());
    }

    /// <summary>Runs <c>relayctl --node URL ARGS</c> with no token in the environment.</summary>
    public static Task<(int ExitCode, string Output, string Error)> AgainstAsync(string node, params string[] args) =>
        RunAsync(["--node", node, .. args]);
}
