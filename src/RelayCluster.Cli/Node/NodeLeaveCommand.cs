using System.Text.Json;
using RelayCluster.Cli.Admin;
using RelayCluster.Cli.Output;
using RelayCluster.Core.Admin;

namespace RelayCluster.Cli.Node;

/// <summary><c>relayctl node leave</c>: asks the node to leave; it drains for its shutdown grace and exits on its own.</summary>
internal sealed class NodeLeaveCommand(CliContext context)
{
    /// <summary>Posts <see cref="AdminRoutes.NodeLeave"/> and says which node is leaving.</summary>
    public async Task<int> RunAsync(AdminClient client, bool json, CancellationToken cancellationToken)
    {
        var answer = await client.PostAsync(AdminRoutes.NodeLeave, cancellationToken);
        if (json)
        {
            JsonOutput.Write(context.Output, answer ?? JsonSerializer.SerializeToElement(new { node = client.Node, status = "leaving" }));
        }
        else
        {
            var id = answer is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("id", out var value) ? value.GetString() : null;
            context.Output.WriteLine($"{id ?? $"node at {client.Node}"} is leaving the cluster");
        }

        return ExitCodes.Ok;
    }
}
