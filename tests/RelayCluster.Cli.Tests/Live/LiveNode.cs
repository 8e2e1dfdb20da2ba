using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Cluster;
using RelayCluster.Node.Hosting;
using RelayCluster.Node.Sessions;
using RelayCluster.Testing.Upstreams;

namespace RelayCluster.Cli.Tests.Live;

/// <summary>
/// A whole node in process (embedded backplane, admin API on loopback port 0 with a token) with one UDP rule
/// named "game" in front of an echo upstream: what relayctl talks to in production, minus the process.
/// </summary>
internal sealed class LiveNode : IAsyncDisposable
{
    public const string Token = "test-token";
    public const string Id = "cli-test-node";

    private readonly TempFiles _files;
    private readonly TaskCompletionSource _leaveRequested;

    private LiveNode(NodeHost host, UdpEchoUpstream upstream, TempFiles files, TaskCompletionSource leaveRequested)
    {
        Host = host;
        Upstream = upstream;
        _files = files;
        _leaveRequested = leaveRequested;
    }

    public NodeHost Host { get; }

    public UdpEchoUpstream Upstream { get; }

    public string Url => Host.Admin.Url.ToString().TrimEnd('/');

    public string UpstreamAddress => Upstream.EndPoint.ToString();

    public bool LeaveRequested => _leaveRequested.Task.IsCompleted;

    public static async Task<LiveNode> StartAsync()
    {
        var upstream = UdpEchoUpstream.Start();
        var files = new TempFiles();
        var file = files.Write("relay.hocon", $$"""
            relay {
              node { id = {{Id}}, admin { bind = "127.0.0.1:0", token = "{{Token}}" } }
              rules {
                game { protocol = udp, listen = "127.0.0.1:0", upstreams = ["{{upstream.EndPoint}}"] }
              }
            }
            """);
        var loaded = RelayConfigLoader.Load([file]);
        Assert.True(loaded.IsValid, string.Join('\n', loaded.Errors));
        var leaveRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new NodeHostOptions { Budget = new SessionBudget(10_000), RequestLeave = () => leaveRequested.TrySetResult(), Version = "1.0.0" };
        var host = await NodeHost.StartAsync(loaded.Config!, RuleDocuments.FromConfigFiles([file]), options, NullLoggerFactory.Instance);
        return new LiveNode(host, upstream, files, leaveRequested);
    }

    /// <summary>A file in the node's temporary directory, for <c>rules apply -f</c>.</summary>
    public string WriteFile(string name, string text) => _files.Write(name, text);

    /// <summary>Runs relayctl against this node with the right token.</summary>
    public Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        CliRun.RunAsync(["--node", Url, "--token", Token, .. args]);

    /// <summary>Runs relayctl against this node with no token, or <paramref name="token"/>.</summary>
    public Task<(int ExitCode, string Output, string Error)> RunWithTokenAsync(string? token, params string[] args) =>
        CliRun.RunAsync(token is null ? ["--node", Url, .. args] : ["--node", Url, "--token", token, .. args]);

    /// <summary>Opens a session on rule "game": one datagram through the relay, and its echo back.</summary>
    public async Task OpenSessionAsync()
    {
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var listen = Host.Node.Rule("game").Listener.LocalEndPoint;
        await client.SendAsync("ping"u8.ToArray(), listen);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client.ReceiveAsync(deadline.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Upstream.DisposeAsync();
        _files.Dispose();
    }
}
