namespace RelayCluster.Node.Hosting;

/// <summary>The command line of <c>relay-node</c>: <c>[--config FILE [--config OVERLAY ...]] [--version] [--help]</c>.</summary>
internal sealed record NodeArguments(IReadOnlyList<string> ConfigFiles, bool ShowVersion, bool ShowHelp)
{
    /// <summary>The usage text.</summary>
    public const string Usage = """
        Usage: relay-node [--config FILE.hocon [--config OVERLAY.hocon ...]] [--version]

          --config FILE   HOCON config; repeat to merge overlays over the first file (default: ./relay.hocon)
          --version       print the version and exit
          --help          print this text and exit
        """;

    /// <summary>Parses <paramref name="args"/>, or returns an error message.</summary>
    public static (NodeArguments? Arguments, string? Error) Parse(IReadOnlyList<string> args)
    {
        var files = new List<string>();
        var version = false;
        var help = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--version")
            {
                version = true;
            }
            else if (arg is "--help" or "-h")
            {
                help = true;
            }
            else if (arg is "--config" or "-c")
            {
                if (i + 1 >= args.Count)
                {
                    return (null, "--config needs a file name");
                }

                files.Add(args[++i]);
            }
            else if (arg.StartsWith("--config=", StringComparison.Ordinal))
            {
                files.Add(arg["--config=".Length..]);
            }
            else
            {
                return (null, $"unknown argument '{arg}'");
            }
        }

        if (files.Count == 0)
        {
            files.Add("relay.hocon");
        }

        return (new NodeArguments(files, version, help), null);
    }
}
