using RelayCluster.Cli.Admin;
using RelayCluster.Cli.Output;
using RelayCluster.Core.Admin;

namespace RelayCluster.Cli.Upstreams;

/// <summary><c>relayctl upstreams list [RULE]</c>: one row per upstream, and one health column per node.</summary>
internal sealed class UpstreamsListCommand(CliContext context)
{
    /// <summary>Fetches <see cref="AdminRoutes.Upstreams"/>, narrowed to <paramref name="rule"/> when given, and writes it.</summary>
    public async Task<int> RunAsync(AdminClient client, string? rule, bool json, CancellationToken cancellationToken)
    {
        var route = rule is null ? AdminRoutes.Upstreams : $"{AdminRoutes.Upstreams}?rule={Uri.EscapeDataString(rule)}";
        var upstreams = await client.GetAsync<UpstreamListDto>(route, cancellationToken);
        if (json)
        {
            JsonOutput.Write(context.Output, upstreams);
        }
        else
        {
            Write(context.Output, upstreams);
        }

        return ExitCodes.Ok;
    }

    /// <summary>
    /// Writes the table: rule, address, weight, admin state, this node's health, sessions as <c>this node/cluster</c>,
    /// then each node's health under the node's id (<c>-</c> where a node published nothing for the upstream). When a game
    /// server reports its players, a <c>PLAYERS</c> column after <c>SESSIONS</c> shows them as <c>players/max</c>.
    /// </summary>
    public static void Write(TextWriter output, UpstreamListDto upstreams)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(upstreams);
        if (upstreams.Upstreams.Count == 0)
        {
            output.WriteLine("No upstreams.");
            return;
        }

        var nodes = upstreams.Upstreams.SelectMany(upstream => upstream.Nodes).Select(node => node.Node)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var players = upstreams.Upstreams.Any(upstream => upstream.MaxPlayers is not null);
        var table = new TextTable(["RULE", "ADDRESS", "WEIGHT", "ADMIN", "HEALTH", "SESSIONS", .. players ? ["PLAYERS"] : Array.Empty<string>(), .. nodes]);
        foreach (var upstream in upstreams.Upstreams)
        {
            var health = nodes.Select(node => upstream.Nodes.FirstOrDefault(view => view.Node == node)?.Health ?? "-");
            table.AddRow(
            [
                upstream.Rule,
                upstream.Address,
                Texts.Count(upstream.Weight),
                upstream.AdminState,
                upstream.Health,
                $"{Texts.Count(upstream.Sessions)}/{Texts.Count(upstream.ClusterSessions)}",
                .. players ? [PlayersOf(upstream)] : Array.Empty<string>(),
                .. health,
            ]);
        }

        table.Write(output);
    }

    private static string PlayersOf(UpstreamDto upstream) =>
        upstream is { Players: { } count, MaxPlayers: { } max } ? $"{Texts.Count(count)}/{Texts.Count(max)}" : "-";
}
