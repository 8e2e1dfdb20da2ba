using System.Net.Http.Headers;
using Microsoft.Extensions.Logging.Abstractions;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Cluster;
using RelayCluster.Node.Hosting;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Tests.Admin;

/// <summary>A whole node (relay, embedded backplane, admin API on a free loopback port) started from HOCON text.</summary>
internal sealed class HostFixture : IAsyncDisposable
{
    private HostFixture(NodeHost host, string configFile)
    {
        Host = host;
        ConfigFile = configFile;
        Http = new HttpClient { BaseAddress = host.Admin.Url, Timeout = TimeSpan.FromSeconds(10) };
    }

    public NodeHost Host { get; }

    public string ConfigFile { get; }

    public HttpClient Http { get; }

    /// <summary>Writes <paramref name="rules"/> (the body of <c>relay.rules</c>) into a config file and starts a node on it.</summary>
    public static async Task<HostFixture> StartAsync(string rules, string? token = null, string? directory = null)
    {
        directory ??= Directory.CreateTempSubdirectory("relay-host-").FullName;
        var configFile = Path.Combine(directory, "relay.hocon");
        var tokenLine = token is null ? "" : $"token = \"{token}\"";
        await File.WriteAllTextAsync(configFile, $$"""
            relay {
              node { id = host-test, shutdown-grace = 0s, admin { bind = "127.0.0.1:0", {{tokenLine}} } }
              rules { {{rules}} }
            }
            """);
        return await StartFromFileAsync(configFile);
    }

    /// <summary>Starts a node on an existing config file (keeping its state file, as a restart does).</summary>
    public static async Task<HostFixture> StartFromFileAsync(string configFile)
    {
        var loaded = RelayConfigLoader.Load([configFile]);
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        var options = new NodeHostOptions { Budget = new SessionBudget(10_000), StateFile = NodeStartupFiles.StateFileFor(configFile) };
        var host = await NodeHost.StartAsync(loaded.Config!, RuleDocuments.FromConfigFiles([configFile]), options, NullLoggerFactory.Instance);
        return new HostFixture(host, configFile);
    }

    public static HttpRequestMessage Request(HttpMethod method, string path, string? token = null, string? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body);
        }

        return request;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}
