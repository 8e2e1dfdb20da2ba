using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using RelayCluster.Core.Admin;
using RelayCluster.Node.Tests.Hosting;

namespace RelayCluster.Node.Tests.Cluster;

/// <summary>One real relay-node process of a <see cref="ProcessCluster"/>, on its own loopback address.</summary>
internal sealed partial class ClusterNode : IDisposable
{
    private HttpClient? _http;

    public ClusterNode(int index, string config, int remotingPort)
    {
        Index = index;
        Config = config;
        RemotingPort = remotingPort;
    }

    public int Index { get; }

    public string Id => $"node-{Index}";

    public IPAddress Address => IPAddress.Parse($"127.0.0.{Index + 1}");

    public string Config { get; }

    public int RemotingPort { get; }

    public NodeProcess? Process { get; private set; }

    public HttpClient Http => _http ?? throw new InvalidOperationException($"{Id} is not running");

    public void Start() => Process = NodeProcess.Start(Config);

    /// <summary>Waits for the admin API's line and keeps a client to it.</summary>
    public async Task WaitForAdminAsync(TimeSpan timeout)
    {
        var url = (await Process!.WaitForLineAsync(AdminLine(), timeout)).Groups[1].Value;
        _http?.Dispose();
        _http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(15) };
    }

    public async Task<ClusterDto?> ClusterAsync()
    {
        try
        {
            return await Http.GetFromJsonAsync<ClusterDto>(AdminRoutes.Cluster, AdminJson.Options);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    public async Task<RuleListDto?> RulesAsync()
    {
        try
        {
            return await Http.GetFromJsonAsync<RuleListDto>(AdminRoutes.Rules, AdminJson.Options);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Puts rule <paramref name="name"/> (its object in HOCON), with <c>If-Match</c> when <paramref name="ifMatch"/> is set.</summary>
    public async Task<HttpStatusCode> PutRuleAsync(string name, string hocon, long? ifMatch = null) => (await PutRuleWithRevisionAsync(name, hocon, ifMatch)).Status;

    /// <summary>Like <see cref="PutRuleAsync"/>, with the revision written (0 when nothing was).</summary>
    public async Task<(HttpStatusCode Status, long Revision)> PutRuleWithRevisionAsync(string name, string hocon, long? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/rules/{name}") { Content = new StringContent(hocon) };
        if (ifMatch is { } expected)
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{expected}\"");
        }

        using var response = await Http.SendAsync(request);
        var revision = response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<RuleWriteDto>(AdminJson.Options))?.Revision ?? 0 : 0;
        return (response.StatusCode, revision);
    }

    public async Task<UpstreamListDto?> UpstreamsAsync()
    {
        try
        {
            return await Http.GetFromJsonAsync<UpstreamListDto>(AdminRoutes.Upstreams, AdminJson.Options);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>How <paramref name="id"/> looks from this node: its status and reachability, or null when it is not listed.</summary>
    public async Task<MemberDto?> MemberAsync(string id) => (await ClusterAsync())?.Members.FirstOrDefault(member => member.Id == id);

    /// <summary>The rule "game" on this node's own address.</summary>
    public IPEndPoint GameEndPoint(int port) => new(Address, port);

    public void Kill() => Process?.Dispose();

    public void Dispose()
    {
        Process?.Dispose();
        _http?.Dispose();
    }

    [GeneratedRegex(@"Admin API listening on (http://[0-9.]+:\d+)")]
    private static partial Regex AdminLine();
}
