using RelayCluster.Cli.Admin;
using RelayCluster.Cli.Output;
using RelayCluster.Core.Admin;

namespace RelayCluster.Cli.Cluster;

/// <summary><c>relayctl cluster show</c>: one line per member, then <c>Count: N nodes</c>, as pbm's <c>cluster show</c>.</summary>
internal sealed class ClusterShowCommand(CliContext context)
{
    /// <summary>Fetches <see cref="AdminRoutes.Cluster"/> and writes it.</summary>
    public async Task<int> RunAsync(AdminClient client, bool json, CancellationToken cancellationToken)
    {
        var cluster = await client.GetAsync<ClusterDto>(AdminRoutes.Cluster, cancellationToken);
        if (json)
        {
            JsonOutput.Write(context.Output, cluster);
        }
        else
        {
            Write(context.Output, cluster);
        }

        return ExitCodes.Ok;
    }

    /// <summary>Writes the members ordered by id, then the count.</summary>
    public static void Write(TextWriter output, ClusterDto cluster)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(cluster);
        foreach (var member in cluster.Members.OrderBy(member => member.Id, StringComparer.Ordinal))
        {
            output.WriteLine(MemberLine.Format(member));
        }

        output.WriteLine($"Count: {cluster.Members.Count} nodes");
    }
}
