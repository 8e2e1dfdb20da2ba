using System.Net;
using System.Net.Sockets;
using System.Text;
using RelayCluster.Node.Tests.Metrics;
using RelayCluster.Node.Tests.Sessions;
using Xunit.Abstractions;

namespace RelayCluster.Node.Tests.Cluster;

/// <summary>
/// <c>session.affinity</c> on three real relay-node processes: clients relayed through node-0, node-0 killed, the same
/// client sockets sent through node-1. Round-robin on node-1 in the reverse order would give every client the other
/// upstream, so only the shared entries can bring each one back to its own.
/// </summary>
[Collection(nameof(ProcessClusters))]
public class AffinityFailoverTests(ITestOutputHelper output)
{
    private const int SigKill = 9;
    private const int Clients = 20;
    private static readonly string[] s_all = ["node-0", "node-1", "node-2"];
    private static readonly TimeSpan s_reply = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData("cluster")]
    [InlineData("node")]
    public async Task NodeKilled_SameClientPortsThroughAnotherNode_KeepTheirUpstreamAndProxyAddressOnlyWithClusterAffinity(string affinity)
    {
        await using var first = ProxyV2UdpUpstream.Start(IPAddress.Loopback);
        await using var second = ProxyV2UdpUpstream.Start(IPAddress.Loopback);
        ProxyV2UdpUpstream[] upstreams = [first, second];
        await using var cluster = await ProcessCluster.StartAsync(3, rules: port => $$"""
            game {
              protocol = udp, listen = "0.0.0.0:{{port}}", upstreams = ["{{first.EndPoint}}", "{{second.EndPoint}}"]
              balance = round-robin, proxy-protocol = v2, session.affinity = {{affinity}}
            }
            """);
        await WaitAsync(async () => (await Task.WhenAll(cluster.Nodes.Select(node => ProcessCluster.SeesUpAsync(node, s_all)))).All(up => up), "three up", TimeSpan.FromSeconds(60));
        var clients = Enumerable.Range(0, Clients).Select(_ => Client()).ToList();
        try
        {
            var nodeA = cluster[0].GameEndPoint(cluster.UdpPort);
            for (var i = 0; i < Clients; i++)
            {
                Assert.True(await RoundTripAsync(clients[i], nodeA, $"a{i}"), $"client {i} through node-0");
            }

            var before = clients.Select((_, i) => Seen(upstreams, $"a{i}")).ToList();
            Assert.Equal(Clients / 2, before.Count(seen => seen.Upstream == 0));
            if (affinity == "cluster")
            {
                await WaitAsync(async () => await MetricAsync(cluster[1], "relay_affinity_entries") >= Clients, "node-1 to hold every client's entry", TimeSpan.FromSeconds(20));
            }

            cluster[0].Process!.Signal(SigKill);
            var nodeB = cluster[1].GameEndPoint(cluster.UdpPort);
            for (var i = Clients - 1; i >= 0; i--)
            {
                Assert.True(await RoundTripAsync(clients[i], nodeB, $"b{i}"), $"client {i} through node-1");
            }

            var after = clients.Select((_, i) => Seen(upstreams, $"b{i}")).ToList();
            var kept = Enumerable.Range(0, Clients).Count(i => after[i].Upstream == before[i].Upstream);
            output.WriteLine($"affinity = {affinity}: {kept} of {Clients} clients kept their upstream through node-1");
            for (var i = 0; i < Clients; i++)
            {
                var local = (IPEndPoint)clients[i].LocalEndPoint!;
                Assert.Equal(local, before[i].Source);
                Assert.Equal(local, after[i].Source);
            }

            if (affinity == "cluster")
            {
                Assert.Equal(Clients, kept);
                Assert.Equal(Clients, await MetricAsync(cluster[1], "relay_affinity_hits_total"));
            }
            else
            {
                Assert.Equal(0, kept);
            }
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    private static Socket Client()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    /// <summary>Sends <paramref name="text"/> until it comes back (the rule may still be starting on that node).</summary>
    private static async Task<bool> RoundTripAsync(Socket client, IPEndPoint relay, string text)
    {
        var payload = Encoding.ASCII.GetBytes(text);
        var buffer = new byte[1024];
        var deadline = DateTime.UtcNow + s_reply;
        while (DateTime.UtcNow < deadline)
        {
            client.SendTo(payload, relay);
            using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
            try
            {
                while (true)
                {
                    var length = await client.ReceiveAsync(buffer, SocketFlags.None, wait.Token);
                    if (buffer.AsSpan(0, length).SequenceEqual(payload))
                    {
                        return true;
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        return false;
    }

    /// <summary>Which upstream received <paramref name="text"/>, and the client address its PROXY v2 header named.</summary>
    private static (int Upstream, IPEndPoint? Source) Seen(ProxyV2UdpUpstream[] upstreams, string text)
    {
        var payload = Encoding.ASCII.GetBytes(text);
        for (var upstream = 0; upstream < upstreams.Length; upstream++)
        {
            foreach (var (header, _, received) in upstreams[upstream].Received)
            {
                if (received.AsSpan().SequenceEqual(payload))
                {
                    return (upstream, header?.Source);
                }
            }
        }

        return (-1, null);
    }

    private static async Task<double> MetricAsync(ClusterNode node, string name)
    {
        try
        {
            var exposition = PrometheusTextChecker.Check(await node.Http.GetStringAsync("/metrics"));
            return exposition.Find(name).Sum(sample => sample.Value);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return -1;
        }
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {timeout} waiting for: {what}");
            await Task.Delay(50);
        }
    }
}
