using System.Net;
using System.Net.Sockets;
using RelayCluster.Testing.Upstreams;

namespace RelayCluster.Node.Tests.Cluster;

/// <summary>
/// Real relay-node processes on the Akka backplane: node i on 127.0.0.(i+1), remoting on a free port of that address,
/// admin API on port 0, every node a seed, one UDP rule "game" on a free port (the same on every address) in front of
/// an in-process echo upstream, and its own state dir.
/// </summary>
internal sealed class ProcessCluster : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("relay-akka-").FullName;
    private readonly List<ClusterNode> _nodes = [];

    private ProcessCluster(UdpEchoUpstream echo, int udpPort)
    {
        Echo = echo;
        UdpPort = udpPort;
    }

    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    public UdpEchoUpstream Echo { get; }

    public int UdpPort { get; }

    public IReadOnlyList<ClusterNode> Nodes => _nodes;

    public ClusterNode this[int index] => _nodes[index];

    /// <summary>
    /// Starts <paramref name="count"/> nodes at once and waits for their admin APIs. <paramref name="rules"/> makes the
    /// body of <c>relay.rules</c> from the UDP port; by default the rule "game" in front of <see cref="Echo"/>.
    /// </summary>
    public static async Task<ProcessCluster> StartAsync(int count, string strategy = "keep-majority", string stableAfter = "3s", Func<int, string>? rules = null)
    {
        var cluster = new ProcessCluster(UdpEchoUpstream.Start(), FreeUdpPort(count));
        var ports = Enumerable.Range(0, count).Select(i => FreeTcpPort(IPAddress.Parse($"127.0.0.{i + 1}"))).ToList();
        var seeds = string.Join(", ", ports.Select((port, i) => $"\"127.0.0.{i + 1}:{port}\""));
        var ruleText = rules?.Invoke(cluster.UdpPort)
            ?? $$"""game { protocol = udp, listen = "0.0.0.0:{{cluster.UdpPort}}", upstreams = ["{{cluster.Echo.EndPoint}}"], balance = least-sessions, load-scope = cluster }""";
        for (var i = 0; i < count; i++)
        {
            var file = Path.Combine(cluster._directory, $"node-{i}.hocon");
            await File.WriteAllTextAsync(file, $$"""
                relay {
                  node { id = node-{{i}}, listen-address = "127.0.0.{{i + 1}}", shutdown-grace = 0s, admin { bind = "127.0.0.{{i + 1}}:0" } }
                  cluster {
                    name = relay-test, backplane = akka, stats-interval = 250ms
                    akka {
                      bind = "127.0.0.{{i + 1}}:{{ports[i]}}"
                      seed-nodes = [{{seeds}}]
                      split-brain-resolver { strategy = {{strategy}}, stable-after = {{stableAfter}} }
                      acceptable-heartbeat-pause = 2s
                      state-dir = "state-{{i}}"
                    }
                  }
                  rules {
                    {{ruleText}}
                  }
                }
                """);
            cluster._nodes.Add(new ClusterNode(i, file, ports[i]));
        }

        foreach (var node in cluster._nodes)
        {
            node.Start();
        }

        foreach (var node in cluster._nodes)
        {
            await node.WaitForAdminAsync(StartTimeout);
        }

        return cluster;
    }

    /// <summary>Starts node <paramref name="index"/> again with the same config and state dir.</summary>
    public async Task RestartAsync(int index)
    {
        _nodes[index].Kill();
        _nodes[index].Start();
        await _nodes[index].WaitForAdminAsync(StartTimeout);
    }

    /// <summary>Whether <paramref name="observer"/> sees exactly <paramref name="ids"/> as up and reachable.</summary>
    public static async Task<bool> SeesUpAsync(ClusterNode observer, IReadOnlyCollection<string> ids)
    {
        var cluster = await observer.ClusterAsync();
        return cluster is not null
            && cluster.Members.Count(member => member.Status == "up" && member.Reachability == "reachable" && ids.Contains(member.Id)) == ids.Count;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            node.Dispose();
        }

        await Echo.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreeTcpPort(IPAddress address)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(address, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>A UDP port free on 127.0.0.1 up to 127.0.0.<paramref name="count"/> a moment ago.</summary>
    private static int FreeUdpPort(int count)
    {
        while (true)
        {
            using var first = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            first.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)first.LocalEndPoint!).Port;
            var free = true;
            for (var i = 2; i <= count && free; i++)
            {
                using var other = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                try
                {
                    other.Bind(new IPEndPoint(IPAddress.Parse($"127.0.0.{i}"), port));
                }
                catch (SocketException)
                {
                    free = false;
                }
            }

            if (free)
            {
                return port;
            }
        }
    }
}
