namespace RelayCluster.Cli;

/// <summary>relayctl's exit codes, which scripts rely on.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>An error was reported: by the node, or found in a config file.</summary>
    public const int Error = 1;

    /// <summary>The command line itself was wrong.</summary>
    public const int Usage = 2;

    /// <summary>The node could not be reached.</summary>
    public const int Unreachable = 3;

    /// <summary>Ctrl+C stopped a command before it finished, as shells report SIGINT (128 + 2).</summary>
    public const int Interrupted = 130;
}
