using System.CommandLine;

namespace RelayCluster.Cli;

/// <summary>A group of related commands under one name, such as <c>config</c> or <c>cluster</c>, as in pbm's palettes.</summary>
internal interface ICommandPalette
{
    /// <summary>Builds the palette's command and its subcommands; their actions write to <paramref name="context"/>'s writers.</summary>
    Command Build(CliContext context);
}
