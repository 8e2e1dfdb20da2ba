using System.Diagnostics;
using RelayCluster.Core.Admin;

namespace RelayCluster.Node.Tests.Cluster;

public partial class AkkaClusterTests
{
    /// <summary>
    /// Both cores saturated for 20 s by datagrams through node-0 (the flows, the relay and the echo upstream all
    /// compete for them) while every node's view of the cluster is read every 200 ms: no member is ever unreachable.
    /// </summary>
    [Fact]
    public async Task UdpLoadSaturatingTheMachine_TwentySeconds_NoMemberEverUnreachable()
    {
        var observations = 0;
        var unreachable = new List<string>();
        using var stop = new CancellationTokenSource();
        var watch = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var tick = Stopwatch.StartNew();
                var views = await Task.WhenAll(Cluster.Nodes.Select(async node => (node.Id, View: await node.ClusterAsync())));
                foreach (var (id, view) in views)
                {
                    observations++;
                    foreach (var member in view?.Members ?? [])
                    {
                        if (member.Reachability != "reachable" || member.Status != "up")
                        {
                            unreachable.Add($"{tick.Elapsed}: {id} sees {member.Id} {member.Status} {member.Reachability}");
                        }
                    }
                }

                var rest = TimeSpan.FromMilliseconds(200) - tick.Elapsed;
                if (rest > TimeSpan.Zero)
                {
                    await Task.Delay(rest, CancellationToken.None);
                }
            }
        });

        var clock = Stopwatch.StartNew();
        var echoes = await UdpFlood.RunAsync(Cluster[0].GameEndPoint(Cluster.UdpPort), flows: 4, TimeSpan.FromSeconds(20));
        var elapsed = clock.Elapsed;
        await stop.CancelAsync();
        await watch;

        output.WriteLine($"{echoes} round trips through node-0 in {elapsed.TotalSeconds:0.0} s ({echoes / elapsed.TotalSeconds:0} /s); " +
            $"{observations} views of the cluster read, {unreachable.Count} showed a member not up or unreachable");
        unreachable.Take(20).ToList().ForEach(output.WriteLine);
        Assert.True(echoes > 0, "no datagram came back");
        Assert.Empty(unreachable);
    }
}
