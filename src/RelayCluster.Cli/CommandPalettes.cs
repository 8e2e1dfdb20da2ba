using RelayCluster.Cli.Config;

namespace RelayCluster.Cli;

/// <summary>Every palette relayctl offers; a new palette is one class and one line here.</summary>
internal static class CommandPalettes
{
    /// <summary>The palettes, in the order help lists them.</summary>
    public static IReadOnlyList<ICommandPalette> All { get; } =
    [
        new ConfigPalette(),
    ];
}
