using Microsoft.Extensions.Logging;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Admin;
using RelayCluster.Node.Cluster;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Hosting;

/// <summary>
/// A whole relay node: the relay itself, its backplane, the coordinator that joins it to the cluster, and the admin
/// API. <c>relay-node</c> runs one; tests run several in one process.
/// </summary>
public sealed class NodeHost : IAsyncDisposable
{
    private NodeHost(RelayNode node, IBackplane backplane, ClusterCoordinator cluster, AdminServer admin)
    {
        Node = node;
        Backplane = backplane;
        Cluster = cluster;
        Admin = admin;
    }

    /// <summary>The relay: rules, listeners and sessions.</summary>
    public RelayNode Node { get; }

    /// <summary>Where the cluster's state lives.</summary>
    public IBackplane Backplane { get; }

    /// <summary>The node's part in the cluster.</summary>
    public ClusterCoordinator Cluster { get; }

    /// <summary>The admin API.</summary>
    public AdminServer Admin { get; }

    /// <summary>
    /// Starts the node of <paramref name="config"/>: the relay with no rules, the admin API, the backplane; then joins
    /// the cluster, which applies the cluster's rules (seeded from <paramref name="seed"/> when the cluster has none).
    /// </summary>
    public static async Task<NodeHost> StartAsync(
        RelayConfig config, IReadOnlyList<StoredRule> seed, NodeHostOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        var node = await RelayNode.StartAsync(config with { Rules = [] }, loggerFactory, options.Budget, options.UdpIo, options.TcpIo, cancellationToken);
        IBackplane? backplane = null;
        ClusterCoordinator? cluster = null;
        AdminServer? admin = null;
        try
        {
            backplane = Backplanes.Create(config, options.StateFile, loggerFactory, node.Affinity);
            cluster = new ClusterCoordinator(node, backplane, options.Version, loggerFactory.CreateLogger<ClusterCoordinator>());
            var view = backplane;
            node.Metrics.BackplaneConnected = () => view.View.Connected;
            node.Metrics.Members = () => view.View.Members
                .GroupBy(member => member.Reachable ? member.Status.ToString().ToLowerInvariant() : "unreachable")
                .Select(group => KeyValuePair.Create(group.Key, group.Count()));
            var adminOptions = new AdminOptions
            {
                Token = config.Node.Admin.Token,
                RequestLeave = options.RequestLeave,
                ServeMetrics = node.Metrics.Prometheus.HandleAsync,
            };
            admin = await AdminServer.StartAsync(config.Node.Admin.Bind, cluster, adminOptions, loggerFactory, cancellationToken);
            var adminUrl = admin.AdvertisedUrl.ToString().TrimEnd('/');
            Log.AdminListening(loggerFactory.CreateLogger<NodeHost>(), adminUrl);
            await cluster.StartAsync(seed, config.Rules, adminUrl, cancellationToken);
            return new NodeHost(node, backplane, cluster, admin);
        }
        catch
        {
            await DisposeAllAsync(admin, cluster, node, backplane);
            throw;
        }
    }

    /// <summary>Graceful leave: leaving, drain for <c>shutdown-grace</c>, exiting, removed; then everything stops.</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken = default)
    {
        await Cluster.LeaveAsync(Node.Config.Node.ShutdownGrace, cancellationToken);
        await DisposeAsync();
    }

    /// <summary>
    /// Stops everything at once. Without a <see cref="LeaveAsync"/> first this is a crash as the cluster sees it: the
    /// node's registration lapses and the others mark it unreachable.
    /// </summary>
    public ValueTask DisposeAsync() => new(DisposeAllAsync(Admin, Cluster, Node, Backplane));

    private static async Task DisposeAllAsync(AdminServer? admin, ClusterCoordinator? cluster, RelayNode node, IBackplane? backplane)
    {
        if (admin is not null)
        {
            await admin.DisposeAsync();
        }

        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }

        await node.DisposeAsync();
        if (backplane is not null)
        {
            await backplane.DisposeAsync();
        }
    }
}
