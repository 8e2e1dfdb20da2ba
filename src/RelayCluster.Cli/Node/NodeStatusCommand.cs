using RelayCluster.Cli.Admin;
using RelayCluster.Cli.Output;
using RelayCluster.Core.Admin;

namespace RelayCluster.Cli.Node;

/// <summary><c>relayctl node status</c>: one field per line.</summary>
internal sealed class NodeStatusCommand(CliContext context)
{
    /// <summary>Fetches <see cref="AdminRoutes.Node"/> and writes it.</summary>
    public async Task<int> RunAsync(AdminClient client, bool json, CancellationToken cancellationToken)
    {
        var node = await client.GetAsync<NodeStatusDto>(AdminRoutes.Node, cancellationToken);
        if (json)
        {
            JsonOutput.Write(context.Output, node);
        }
        else
        {
            Write(context.Output, node);
        }

        return ExitCodes.Ok;
    }

    /// <summary>Writes <paramref name="node"/> as <c>Label: value</c> lines.</summary>
    public static void Write(TextWriter output, NodeStatusDto node)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(node);
        var backplane = node.Backplane.Connected ? "connected" : "disconnected";
        (string Label, string Value)[] fields =
        [
            ("Node", node.Id),
            ("Admin URL", node.AdminUrl),
            ("Roles", Texts.Roles(node.Roles)),
            ("Version", node.Version),
            ("Status", node.Status),
            ("Ready", node.Ready ? "yes" : "no"),
            ("Started", $"{Texts.Time(node.StartedAt)} (up {Texts.Duration(TimeSpan.FromSeconds(node.UptimeSeconds))})"),
            ("Backplane", $"{node.Backplane.Kind} ({backplane})"),
            ("Rules", Texts.Count(node.Rules)),
            ("Sessions", Texts.Count(node.Sessions)),
        ];
        var width = fields.Max(field => field.Label.Length) + 1;
        foreach (var (label, value) in fields)
        {
            output.WriteLine($"{(label + ":").PadRight(width)} {value}");
        }
    }
}
