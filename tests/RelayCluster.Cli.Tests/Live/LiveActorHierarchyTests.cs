using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace RelayCluster.Cli.Tests.Live;

/// <summary><c>relayctl actor hierarchy</c> against a live node with many sessions.</summary>
public sealed class LiveActorHierarchyTests : IAsyncLifetime
{
    private const int Sessions = 64;
    private LiveNode _node = null!;

    public async Task InitializeAsync() => _node = await LiveNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task ActorHierarchy_64LiveUdpSessions_ListsRouterSessionsAndEveryPathUnderUser()
    {
        var clients = Enumerable.Range(0, Sessions).Select(_ => new UdpClient(new IPEndPoint(IPAddress.Loopback, 0))).ToList();
        try
        {
            var listen = _node.Host.Node.Rule("game").Listener.LocalEndPoint;
            await Task.WhenAll(clients.Select(async client =>
            {
                await client.SendAsync("ping"u8.ToArray(), listen);
                using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await client.ReceiveAsync(deadline.Token);
            }));

            var (exitCode, output, error) = await _node.RunAsync("actor", "hierarchy");
            var (jsonExitCode, json, _) = await _node.RunAsync("--json", "actor", "hierarchy");

            Assert.True(exitCode == 0, error);
            var lines = output.TrimEnd().Split(Environment.NewLine);
            Assert.All(lines, line => Assert.StartsWith("/user/", line, StringComparison.Ordinal));
            Assert.Contains("/user/rule-game", lines);
            Assert.True(lines.Count(line => line.StartsWith("/user/rule-game/session-", StringComparison.Ordinal)) >= Sessions, output);
            Assert.True(lines.Length >= Sessions);
            Assert.Equal(0, jsonExitCode);
            Assert.Equal(lines, JsonSerializer.Deserialize<string[]>(json));
        }
        finally
        {
            clients.ForEach(client => client.Dispose());
        }
    }
}
