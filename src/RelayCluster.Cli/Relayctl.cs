using System.CommandLine;
using System.CommandLine.Invocation;

namespace RelayCluster.Cli;

/// <summary>relayctl's command tree and entry point: palettes under one root, and pbm-like exit codes.</summary>
internal static class Relayctl
{
    /// <summary>Builds the root command with the global options and every palette.</summary>
    public static RootCommand BuildRootCommand(CliContext context)
    {
        var root = new RootCommand("relayctl: operate RelayCluster nodes through their admin API, and check their config files.")
        {
            context.NodeOption,
            context.TokenOption,
            context.JsonOption,
        };

        foreach (var palette in CommandPalettes.All)
        {
            root.Add(palette.Build(context));
        }

        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; a command line that does not parse exits 2 with the nearest command suggested.</summary>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var parseResult = BuildRootCommand(context).Parse(args);
        // Ctrl+C arrives through cancellationToken (see Program.cs): System.CommandLine's own handler would make it exit 130
        // even where a command treats it as the normal end, as cluster tail does.
        var invocation = new InvocationConfiguration { Output = context.Output, Error = context.Error, ProcessTerminationTimeout = null };
        if (parseResult.Errors.Count > 0)
        {
            if (parseResult.Action is ParseErrorAction parseError)
            {
                // Bare "relayctl" gets the help; a typo gets the error and the nearest command, not a screen of help.
                parseError.ShowHelp = args.Length == 0;
                parseError.ShowTypoCorrections = true;
            }

            await parseResult.InvokeAsync(invocation, cancellationToken);
            if (args.Length > 0)
            {
                await context.Error.WriteLineAsync("Run 'relayctl --help' for usage.");
            }

            return ExitCodes.Usage;
        }

        return await parseResult.InvokeAsync(invocation, cancellationToken);
    }
}
