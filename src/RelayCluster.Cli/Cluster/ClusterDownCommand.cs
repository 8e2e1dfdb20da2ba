using System.Text.Json;
using RelayCluster.Cli.Admin;
using RelayCluster.Cli.Output;
using RelayCluster.Core.Admin;

namespace RelayCluster.Cli.Cluster;

/// <summary><c>relayctl cluster down NODE-ID</c>: marks a member down, as pbm's <c>cluster down</c>.</summary>
internal sealed class ClusterDownCommand(CliContext context)
{
    /// <summary>Posts <see cref="AdminRoutes.MemberDown"/> for <paramref name="id"/>.</summary>
    public async Task<int> RunAsync(AdminClient client, string id, bool json, CancellationToken cancellationToken)
    {
        var answer = await client.PostAsync(AdminRoutes.MemberDown(id), cancellationToken);
        if (json)
        {
            JsonOutput.Write(context.Output, answer ?? JsonSerializer.SerializeToElement(new { id, status = "down" }));
        }
        else
        {
            context.Output.WriteLine($"{id} marked down");
        }

        return ExitCodes.Ok;
    }
}
