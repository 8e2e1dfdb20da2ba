using RelayCluster.Cli.Admin;
using RelayCluster.Cli.Output;
using RelayCluster.Core.Admin;

namespace RelayCluster.Cli.Sessions;

/// <summary><c>relayctl sessions count</c>: live sessions per rule and in total on this node, without listing any.</summary>
internal sealed class SessionsCountCommand(CliContext context)
{
    /// <summary>Fetches <see cref="AdminRoutes.Sessions"/> with <c>limit=0</c> and writes the counts.</summary>
    public async Task<int> RunAsync(AdminClient client, bool json, CancellationToken cancellationToken)
    {
        var sessions = await client.GetAsync<SessionListDto>(SessionsListCommand.Route(rule: null, limit: 0), cancellationToken);
        if (json)
        {
            JsonOutput.Write(context.Output, sessions);
        }
        else
        {
            Write(context.Output, sessions);
        }

        return ExitCodes.Ok;
    }

    /// <summary>Writes one row per rule by name, then the total.</summary>
    public static void Write(TextWriter output, SessionListDto sessions)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(sessions);
        if (sessions.ByRule.Count > 0)
        {
            var table = new TextTable("RULE", "SESSIONS");
            foreach (var (rule, count) in sessions.ByRule.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                table.AddRow(rule, Texts.Count(count));
            }

            table.Write(output);
        }

        output.WriteLine($"Total: {Texts.Count(sessions.Total)} session{(sessions.Total == 1 ? "" : "s")}");
    }
}
