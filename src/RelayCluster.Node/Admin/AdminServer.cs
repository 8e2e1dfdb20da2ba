using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RelayCluster.Node.Cluster;

namespace RelayCluster.Node.Admin;

/// <summary>
/// The admin HTTP API on Kestrel, bound to <c>relay.node.admin.bind</c>: the node side of <c>relayctl</c>, plus
/// <c>/metrics</c>, <c>/healthz</c> and <c>/readyz</c>.
/// </summary>
public sealed class AdminServer : IAsyncDisposable
{
    /// <summary>The largest request body accepted: a rule is a few kilobytes.</summary>
    public const long MaxRequestBodySize = 1 << 20;

    private readonly WebApplication _app;

    private AdminServer(WebApplication app) => _app = app;

    /// <summary>The address the API listens on (with the real port when the bind asked for port 0); a wildcard address for a wildcard bind.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>
    /// The address other members and operators reach this API at: the bound address, or for a wildcard bind the
    /// machine's host name (a container's name under Docker), which other hosts can resolve.
    /// </summary>
    public Uri AdvertisedUrl { get; private set; } = null!;

    /// <summary>Starts the API on <paramref name="bind"/> for <paramref name="cluster"/>.</summary>
    /// <param name="bind">Where to listen; port 0 takes a free port.</param>
    /// <param name="cluster">The node and its cluster.</param>
    /// <param name="options">The token, the metrics and what a leave request does.</param>
    /// <param name="loggerFactory">Where Kestrel logs.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<AdminServer> StartAsync(
        IPEndPoint bind, ClusterCoordinator cluster, AdminOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bind);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = "relay-node" });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodySize;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Listen(bind);
        });
        var app = builder.Build();
        AdminEndpoints.Map(app, cluster, options);
        var server = new AdminServer(app);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = new Uri(address);
        server.AdvertisedUrl = Advertised(server.Url, bind);
        return server;
    }

    private static Uri Advertised(Uri bound, IPEndPoint bind) =>
        bind.Address.Equals(IPAddress.Any) || bind.Address.Equals(IPAddress.IPv6Any)
            ? new UriBuilder(bound) { Host = Environment.MachineName }.Uri
            : bound;

    /// <summary>Stops the API.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
