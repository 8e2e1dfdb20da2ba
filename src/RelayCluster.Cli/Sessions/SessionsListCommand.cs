using RelayCluster.Cli.Admin;
using RelayCluster.Cli.Output;
using RelayCluster.Core.Admin;

namespace RelayCluster.Cli.Sessions;

/// <summary><c>relayctl sessions list [--rule R] [--limit N]</c>: one row per session, oldest first as the node lists them.</summary>
internal sealed class SessionsListCommand(CliContext context, TimeProvider time)
{
    /// <summary>Fetches <see cref="AdminRoutes.Sessions"/> with the given filter and writes it.</summary>
    public async Task<int> RunAsync(AdminClient client, string? rule, int? limit, bool json, CancellationToken cancellationToken)
    {
        var sessions = await client.GetAsync<SessionListDto>(Route(rule, limit), cancellationToken);
        if (json)
        {
            JsonOutput.Write(context.Output, sessions);
        }
        else
        {
            Write(context.Output, sessions, time.GetUtcNow());
        }

        return ExitCodes.Ok;
    }

    /// <summary>The sessions route with <c>rule</c> and <c>limit</c> when they are given.</summary>
    public static string Route(string? rule, int? limit)
    {
        var query = new List<string>();
        if (rule is not null)
        {
            query.Add($"rule={Uri.EscapeDataString(rule)}");
        }

        if (limit is { } n)
        {
            query.Add($"limit={n}");
        }

        return query.Count == 0 ? AdminRoutes.Sessions : $"{AdminRoutes.Sessions}?{string.Join('&', query)}";
    }

    /// <summary>Writes the table, ages measured to <paramref name="now"/>, then how many of how many are shown.</summary>
    public static void Write(TextWriter output, SessionListDto sessions, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(sessions);
        if (sessions.Sessions.Count > 0)
        {
            var table = new TextTable("RULE", "PROTOCOL", "CLIENT", "UPSTREAM", "AGE", "IDLE", "TO UPSTREAM", "TO CLIENT");
            foreach (var session in sessions.Sessions)
            {
                table.AddRow(
                    session.Rule,
                    session.Protocol,
                    session.Client,
                    session.Upstream,
                    Texts.Duration(now - session.StartedAt),
                    Texts.Duration(TimeSpan.FromSeconds(session.IdleSeconds)),
                    Traffic(session.Protocol, session.PacketsToUpstream, session.BytesToUpstream),
                    Traffic(session.Protocol, session.PacketsToClient, session.BytesToClient));
            }

            table.Write(output);
        }

        var total = sessions.Total == 1 ? "1 session" : $"{Texts.Count(sessions.Total)} sessions";
        output.WriteLine(sessions.Sessions.Count < sessions.Total ? $"Showing {sessions.Sessions.Count} of {total}" : $"Total: {total}");
    }

    // A TCP session's packets are reads, which say little; its bytes say it all.
    private static string Traffic(string protocol, long packets, long bytes) =>
        protocol == "tcp" ? Texts.Bytes(bytes) : $"{Texts.Count(packets)} dgrams, {Texts.Bytes(bytes)}";
}
