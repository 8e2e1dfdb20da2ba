using System.Net;
using RelayCluster.Core.Balancing;
using RelayCluster.Core.Configuration;
using RelayCluster.Hocon;

namespace RelayCluster.Core.Tests.Configuration;

public class RelayHoconTests
{
    [Fact]
    public void Load_RepositoryRelayHocon_IsValidSingleNodeConfig()
    {
        var options = new HoconParseOptions { GetEnvironmentVariable = _ => null };

        var result = RelayConfigLoader.Load([Path.Combine(RepositoryRoot(), "relay.hocon")], options);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        var config = result.Config!;
        Assert.Equal(BackplaneKind.Embedded, config.Cluster.Backplane);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 9110), config.Node.Admin.Bind);
        var demo = Assert.Single(config.Rules);
        Assert.Equal(("demo-udp", RuleProtocol.Udp), (demo.Name, demo.Protocol));
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 7000), demo.Listen);
        Assert.Equal("127.0.0.1:7001", Assert.Single(demo.Upstreams).Address);
    }

    [Fact]
    public void BalancingPolicyNames_MatchTheBalancingPolicies()
    {
        Assert.Equal(BalancingPolicies.Names, BalancingPolicyNames.All);
    }

    [Fact]
    public void ConfigNames_EnumValues_AreKebabCase()
    {
        Assert.Equal("tcp-connect", ConfigNames.Of(HealthCheckKind.TcpConnect));
        Assert.Equal("v2", ConfigNames.Of(ProxyProtocolVersion.V2));
        Assert.Equal("udp", ConfigNames.Of(RuleProtocol.Udp));
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RelayCluster.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No RelayCluster.sln above {AppContext.BaseDirectory}.");
    }
}
