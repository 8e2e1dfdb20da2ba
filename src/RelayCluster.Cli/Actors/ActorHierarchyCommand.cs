using RelayCluster.Cli.Admin;
using RelayCluster.Cli.Output;
using RelayCluster.Core.Admin;

namespace RelayCluster.Cli.Actors;

/// <summary><c>relayctl actor hierarchy</c>: the node's actors, routers, sessions and health checks, as paths.</summary>
internal sealed class ActorHierarchyCommand(CliContext context)
{
    /// <summary>Fetches <see cref="AdminRoutes.Actors"/> and writes it.</summary>
    public async Task<int> RunAsync(AdminClient client, bool json, CancellationToken cancellationToken)
    {
        var paths = await client.GetAsync<string[]>(AdminRoutes.Actors, cancellationToken);
        if (json)
        {
            JsonOutput.Write(context.Output, paths);
        }
        else
        {
            Write(context.Output, paths);
        }

        return ExitCodes.Ok;
    }

    /// <summary>Writes one path per line, as pbm prints an actor hierarchy.</summary>
    public static void Write(TextWriter output, IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(paths);
        foreach (var path in paths)
        {
            output.WriteLine(path);
        }
    }
}
