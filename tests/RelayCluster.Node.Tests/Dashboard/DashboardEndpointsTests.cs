using System.Net;
using System.Text.RegularExpressions;
using RelayCluster.Node.Tests.Admin;
using RelayCluster.Testing.Upstreams;

namespace RelayCluster.Node.Tests.Dashboard;

public partial class DashboardEndpointsTests
{
    [Fact]
    public async Task Get_Root_HtmlThatReferencesOnlyTheNode()
    {
        await using var echo = UdpEchoUpstream.Start();
        await using var node = await HostFixture.StartAsync($$"""game { protocol = udp, listen = "127.0.0.1:0", upstreams = ["{{echo.EndPoint}}"] }""");

        using var response = await node.Http.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var references = Reference().Matches(html).Select(match => match.Groups["url"].Value).ToList();
        Assert.Contains("/dashboard/dashboard.js", references);
        Assert.Contains("/dashboard/dashboard.css", references);
        Assert.All(references, url => Assert.True(url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal), $"{url} is not on the node"));
        foreach (var asset in references.Where(url => url.StartsWith('/')))
        {
            using var file = await node.Http.GetAsync(asset);
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            // The SVG namespace is a name, not an address: nothing is fetched from it.
            var text = (await file.Content.ReadAsStringAsync()).Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal);
            Assert.DoesNotContain("://", text, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex("""(?:src|href)="(?<url>[^"]*)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Reference();
}
