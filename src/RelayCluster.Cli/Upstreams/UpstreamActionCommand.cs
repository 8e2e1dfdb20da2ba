using RelayCluster.Cli.Admin;
using RelayCluster.Cli.Output;
using RelayCluster.Core.Admin;

namespace RelayCluster.Cli.Upstreams;

/// <summary><c>relayctl upstreams drain|enable|disable RULE ADDRESS</c>: sets an upstream's admin state on every node.</summary>
internal sealed class UpstreamActionCommand(CliContext context)
{
    /// <summary>No new sessions; live ones run on.</summary>
    public const string Drain = "drain";

    /// <summary>Back in the pick.</summary>
    public const string Enable = "enable";

    /// <summary>No sessions at all: live ones are closed.</summary>
    public const string Disable = "disable";

    /// <summary>Posts <see cref="AdminRoutes.UpstreamAction"/> and writes the upstream's new state.</summary>
    public async Task<int> RunAsync(AdminClient client, string action, string rule, string address, bool json, CancellationToken cancellationToken)
    {
        var state = await client.PostAsync<UpstreamActionDto>(AdminRoutes.UpstreamAction(rule, address, action), cancellationToken);
        if (json)
        {
            JsonOutput.Write(context.Output, state);
        }
        else
        {
            context.Output.WriteLine($"{state.Rule} {state.Address}: {state.AdminState}");
        }

        return ExitCodes.Ok;
    }
}
