using System.Text.RegularExpressions;

namespace RelayCluster.Node.Tests.Hosting;

/// <summary>How a real relay-node process ends when the cluster tells it to.</summary>
public partial class NodeLifecycleProcessTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Downed_ThroughItsAdminApi_StopsAndExitsWithCodeThree()
    {
        using var node = await StartAsync("down-test");
        var admin = (await node.WaitForLineAsync(AdminLine(), s_timeout)).Groups[1].Value;
        using var http = new HttpClient { BaseAddress = new Uri(admin) };

        using var response = await http.PostAsync("/api/cluster/members/down-test/down", null);

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal(3, await node.WaitForExitAsync(s_timeout));
        Assert.Contains(node.Output, line => line.Contains("was marked down", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Leave_ThroughItsAdminApi_LeavesAndExitsZero()
    {
        using var node = await StartAsync("leave-test");
        var admin = (await node.WaitForLineAsync(AdminLine(), s_timeout)).Groups[1].Value;
        using var http = new HttpClient { BaseAddress = new Uri(admin) };

        using var response = await http.PostAsync("/api/node/leave", null);

        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(0, await node.WaitForExitAsync(s_timeout));
        Assert.Contains(node.Output, line => line.Contains("status (Exiting", StringComparison.Ordinal));
    }

    private static async Task<NodeProcess> StartAsync(string id)
    {
        var directory = Directory.CreateTempSubdirectory("relay-lifecycle-").FullName;
        var config = Path.Combine(directory, "relay.hocon");
        await File.WriteAllTextAsync(config, $$"""
            relay {
              node { id = {{id}}, shutdown-grace = 0s, admin { bind = "127.0.0.1:0" } }
              rules { game { protocol = udp, listen = "127.0.0.1:0", upstreams = ["127.0.0.1:9"] } }
            }
            """);
        return NodeProcess.Start(config);
    }

    [GeneratedRegex(@"Admin API listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex AdminLine();
}
