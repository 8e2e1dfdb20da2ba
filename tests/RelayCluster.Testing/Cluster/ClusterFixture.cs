using Microsoft.Extensions.Logging.Abstractions;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Cluster;
using RelayCluster.Node.Cluster.AkkaCluster;
using RelayCluster.Node.Hosting;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Testing.Cluster;

/// <summary>
/// Relay nodes on the Akka backplane in this process, each with its own cluster ActorSystem: node i binds its rules,
/// admin API and remoting (port 0, read back) on 127.0.0.(i+1) and has its own state dir. The first node is the seed
/// and forms the cluster by itself; the others join through it.
/// </summary>
public sealed class ClusterFixture : IAsyncDisposable
{
    private readonly List<NodeHost?> _nodes = [];
    private readonly string _directory = Directory.CreateTempSubdirectory("relay-cluster-").FullName;
    private readonly string _clusterName = $"c{Guid.NewGuid():N}"[..12];
    private string? _seed;

    public IReadOnlyList<NodeHost?> Nodes => _nodes;

    public NodeHost this[int index] => _nodes[index] ?? throw new InvalidOperationException($"node {index} is stopped");

    public string ClusterName => _clusterName;

    /// <summary>Starts node <c>node-i</c>; the first node of the cluster seeds it with <paramref name="rules"/> (HOCON, the body of <c>relay.rules</c>).</summary>
    public async Task<NodeHost> StartNodeAsync(string rules)
    {
        var index = _nodes.Count;
        var address = $"127.0.0.{index + 1}";
        var file = Path.Combine(_directory, $"node-{index}.hocon");
        var seeds = _seed is null ? "" : $"\"{_seed}\"";
        await File.WriteAllTextAsync(file, $$"""
            relay {
              node { id = node-{{index}}, listen-address = "{{address}}", shutdown-grace = 500ms, admin { bind = "{{address}}:0" } }
              cluster {
                name = {{_clusterName}}, backplane = akka, stats-interval = 250ms
                akka { bind = "{{address}}:0", seed-nodes = [{{seeds}}], acceptable-heartbeat-pause = 2s, state-dir = "state-{{index}}" }
              }
              rules { {{rules}} }
            }
            """);
        var loaded = RelayConfigLoader.Load([file]);
        if (!loaded.IsValid)
        {
            throw new InvalidOperationException(string.Join("\n", loaded.Errors));
        }

        var options = new NodeHostOptions
        {
            Budget = new SessionBudget(10_000),
            Version = "1.0.0-test",
            RequestLeave = () => _ = Task.Run(() => LeaveAsync(index)),
        };
        var host = await NodeHost.StartAsync(loaded.Config!, RuleDocuments.FromConfigFiles([file]), options, NullLoggerFactory.Instance);
        _nodes.Add(host);
        if (_seed is null && host.Backplane is AkkaBackplane { Incarnation: { } incarnation })
        {
            _seed = $"{address}:{incarnation.Cluster.SelfAddress.Port}";
        }

        return host;
    }

    /// <summary>Stops node <paramref name="index"/> without the relay's leave (its cluster system still says goodbye).</summary>
    public async Task StopAsync(int index)
    {
        var node = this[index];
        _nodes[index] = null;
        await node.DisposeAsync();
    }

    /// <summary>Node <paramref name="index"/> leaves gracefully.</summary>
    public async Task LeaveAsync(int index)
    {
        var node = this[index];
        _nodes[index] = null;
        await node.LeaveAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes.OfType<NodeHost>().Reverse())
        {
            await node.DisposeAsync();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
