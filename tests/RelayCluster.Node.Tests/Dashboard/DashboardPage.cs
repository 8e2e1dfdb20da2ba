using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace RelayCluster.Node.Tests.Dashboard;

/// <summary>The dashboard of one node open in a fresh browser context, with every request the page makes recorded.</summary>
internal sealed class DashboardPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    private DashboardPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Request += (_, request) => Requests.Add(request.Url);
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame)
            {
                Interlocked.Increment(ref _navigations);
            }
        };
    }

    private int _navigations;

    public IPage Page { get; }

    /// <summary>Every URL the page requested, the page itself included.</summary>
    public ConcurrentBag<string> Requests { get; } = [];

    /// <summary>How often the main frame navigated: 1 after the first load, more after a reload.</summary>
    public int Navigations => Volatile.Read(ref _navigations);

    public static async Task<DashboardPage> OpenAsync(IBrowser browser, Uri node)
    {
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        var dashboard = new DashboardPage(context, page);
        var response = await page.GotoAsync(node.ToString());
        Assert.Equal(200, response?.Status);
        return dashboard;
    }

    public ILocator Rule(string name) => Page.Locator($"#rules tr[data-rule=\"{name}\"]");

    public ILocator Upstream(string rule, string address) => Page.Locator($"#upstreams tr[data-rule=\"{rule}\"][data-upstream=\"{address}\"]");

    /// <summary>Fails unless every request went to 127.0.0.1.</summary>
    public void AssertOnlyLoopbackRequests()
    {
        Assert.NotEmpty(Requests);
        Assert.All(Requests, url =>
        {
            var uri = new Uri(url);
            Assert.True(uri.Scheme is "http" && uri.Host == "127.0.0.1", $"The page requested {url}, which is not on 127.0.0.1.");
        });
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
