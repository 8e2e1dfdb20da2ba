using RelayCluster.Cli.Admin;
using RelayCluster.Cli.Output;
using RelayCluster.Core.Admin;

namespace RelayCluster.Cli.Cluster;

/// <summary><c>relayctl cluster tail</c>: one line per membership event until Ctrl+C or until the node ends the stream.</summary>
internal sealed class ClusterTailCommand(CliContext context)
{
    /// <summary>The watch URL: <see cref="AdminRoutes.Cluster"/> with <c>watch=true</c>.</summary>
    public const string WatchRoute = AdminRoutes.Cluster + "?watch=true";

    /// <summary>Streams <see cref="MemberEventDto"/>s; with <paramref name="json"/> each is written as one JSON line. Ctrl+C exits 0.</summary>
    public async Task<int> RunAsync(AdminClient client, bool json, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var memberEvent in client.StreamAsync<MemberEventDto>(WatchRoute, cancellationToken))
            {
                if (json)
                {
                    JsonOutput.Write(context.Output, memberEvent);
                }
                else
                {
                    context.Output.WriteLine(MemberLine.Format(memberEvent));
                }

                await context.Output.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Following until interrupted is what tail is for, so Ctrl+C is a success.
        }

        return ExitCodes.Ok;
    }
}
