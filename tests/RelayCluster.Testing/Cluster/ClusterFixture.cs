using Microsoft.Extensions.Logging.Abstractions;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Cluster;
using RelayCluster.Node.Hosting;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Testing.Cluster;

/// <summary>
/// Relay nodes on an etcd backplane in this process: node i binds its rules and admin API on 127.0.0.(i+1), with a
/// short heartbeat and failure timeout, in a cluster of its own name so tests can share one etcd.
/// </summary>
/// <param name="endpoints">The etcd client URLs the nodes use.</param>
public sealed class ClusterFixture : IAsyncDisposable
{
    public static readonly TimeSpan FailureTimeout = TimeSpan.FromSeconds(2);
    private readonly List<NodeHost?> _nodes = [];
    private readonly string _directory = Directory.CreateTempSubdirectory("relay-cluster-").FullName;
    private readonly IReadOnlyList<Uri> _endpoints;
    private readonly string _clusterName = $"c{Guid.NewGuid():N}"[..12];

    public ClusterFixture(IReadOnlyList<Uri> endpoints) => _endpoints = endpoints;

    public IReadOnlyList<NodeHost?> Nodes => _nodes;

    public NodeHost this[int index] => _nodes[index] ?? throw new InvalidOperationException($"node {index} is stopped");

    public string ClusterName => _clusterName;

    /// <summary>Starts node <c>node-i</c>; the first node of the cluster seeds it with <paramref name="rules"/> (HOCON, the body of <c>relay.rules</c>).</summary>
    public async Task<NodeHost> StartNodeAsync(string rules, IReadOnlyList<Uri>? endpoints = null)
    {
        var index = _nodes.Count;
        var address = $"127.0.0.{index + 1}";
        var file = Path.Combine(_directory, $"node-{index}.hocon");
        var etcd = string.Join(", ", (endpoints ?? _endpoints).Select(uri => $"\"{uri.ToString().TrimEnd('/')}\""));
        await File.WriteAllTextAsync(file, $$"""
            relay {
              node { id = node-{{index}}, listen-address = "{{address}}", shutdown-grace = 500ms, admin { bind = "{{address}}:0" } }
              cluster {
                name = {{_clusterName}}, backplane = etcd, etcd { endpoints = [{{etcd}}], prefix = "/relay-test" }
                heartbeat-interval = 250ms, failure-timeout = {{(int)FailureTimeout.TotalMilliseconds}}ms, stats-interval = 250ms
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
        return host;
    }

    /// <summary>Stops node <paramref name="index"/> as a crash: no leave, its lease lapses.</summary>
    public async Task KillAsync(int index)
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
        foreach (var node in _nodes.OfType<NodeHost>())
        {
            await node.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }
}
