using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Cluster;
using RelayCluster.Node.Hosting;
using RelayCluster.Node.Sessions;
using RelayCluster.Node.Tests.Health;

namespace RelayCluster.Node.Tests.Hosting;

/// <summary>A rule from a config file that validates but cannot start is reported at its place in that file.</summary>
public class RuleStartFailureTests
{
    [Fact]
    public async Task StartAsync_RuleListenAddressTaken_FailureNamesTheConfigFileLineAndColumn()
    {
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        taken.Listen();
        var port = ((IPEndPoint)taken.LocalEndPoint!).Port;
        var directory = Directory.CreateTempSubdirectory("relay-rule-failure-").FullName;
        var file = Path.Combine(directory, "relay.hocon");
        await File.WriteAllTextAsync(file, $$"""
            relay {
              node { id = failure-test, shutdown-grace = 0s, admin { bind = "127.0.0.1:0" } }
              rules {
                blocked { protocol = tcp, listen = "127.0.0.1:{{port}}", upstreams = ["127.0.0.1:1"] }
              }
            }
            """);
        var loaded = RelayConfigLoader.Load([file]);
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        var logger = new ListLogger();
        using var loggers = new SingleLoggerFactory(logger);
        var options = new NodeHostOptions { Budget = new SessionBudget(1_000), StateFile = NodeStartupFiles.StateFileFor(file) };

        await using var host = await NodeHost.StartAsync(loaded.Config!, RuleDocuments.FromRoot(loaded.Root!), options, loggers);

        var expected = $"{file}:4:";
        Assert.Contains(logger.Entries, entry => entry.Level == LogLevel.Error && entry.Message.Contains(expected, StringComparison.Ordinal) && entry.Message.Contains("blocked", StringComparison.Ordinal));
        Assert.DoesNotContain(logger.Entries, entry => entry.Message.Contains("rules/blocked", StringComparison.Ordinal));
    }

    private sealed class SingleLoggerFactory(ILogger logger) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => logger;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }
    }
}
