using RelayCluster.Cli;

namespace RelayCluster.Cli.Tests;

/// <summary>Runs relayctl in process with captured output and a given environment.</summary>
internal static class CliRun
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(output, error, name => environment?.GetValueOrDefault(name));
        var exitCode = await Relayctl.RunAsync(args, context);
        return (exitCode, output.ToString(), error.ToString());
    }
}
