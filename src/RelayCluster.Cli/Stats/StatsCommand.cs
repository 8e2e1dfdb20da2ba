using RelayCluster.Cli.Admin;
using RelayCluster.Cli.Output;
using RelayCluster.Core.Admin;

namespace RelayCluster.Cli.Stats;

/// <summary><c>relayctl stats</c>: one block per rule, rates per second over the node's last stats interval.</summary>
internal sealed class StatsCommand(CliContext context)
{
    /// <summary>Fetches <see cref="AdminRoutes.Stats"/> and writes it.</summary>
    public async Task<int> RunAsync(AdminClient client, bool json, CancellationToken cancellationToken)
    {
        var stats = await client.GetAsync<StatsDto>(AdminRoutes.Stats, cancellationToken);
        if (json)
        {
            JsonOutput.Write(context.Output, stats);
        }
        else
        {
            Write(context.Output, stats);
        }

        return ExitCodes.Ok;
    }

    /// <summary>
    /// Writes a heading line, then per rule by name: sessions (this node / cluster), new sessions per second (connections
    /// for tcp), datagrams per second each way (udp), bytes per second each way, and drops by reason.
    /// </summary>
    public static void Write(TextWriter output, StatsDto stats)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(stats);
        output.WriteLine($"Node {stats.Node} at {Texts.Time(stats.At)}");
        if (stats.Rules.Count == 0)
        {
            output.WriteLine("No rules.");
        }

        foreach (var rule in stats.Rules.OrderBy(rule => rule.Rule, StringComparer.Ordinal))
        {
            var tcp = rule.Protocol == "tcp";
            output.WriteLine();
            output.WriteLine($"{rule.Rule} ({rule.Protocol})");
            Field(output, "sessions", $"{Texts.Count(rule.Sessions)} this node, {Texts.Count(rule.ClusterSessions)} cluster");
            Field(output, tcp ? "connections/s" : "sessions/s", Texts.Rate(rule.SessionsPerSecond));
            if (!tcp)
            {
                Field(output, "datagrams/s", Directions(rule.DatagramsPerSecond, Texts.Rate));
            }

            Field(output, "bytes/s", Directions(rule.BytesPerSecond, Texts.Bytes));
            Field(output, "drops", Texts.Counts(rule.Drops));
        }
    }

    private static void Field(TextWriter output, string label, string value) => output.WriteLine($"  {label,-14}{value}");

    private static string Directions(DirectionsDto directions, Func<double, string> format) =>
        $"{format(directions.ToUpstream)} to upstream, {format(directions.ToClient)} to client";
}
