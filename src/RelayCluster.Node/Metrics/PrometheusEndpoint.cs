using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace RelayCluster.Node.Metrics;

/// <summary>
/// The node's <c>GET /metrics</c>: OpenTelemetry's Prometheus exporter writes the text exposition format (or
/// OpenMetrics when the scraper asks for it), reading the observable instruments on every scrape.
/// </summary>
public sealed class PrometheusEndpoint
{
    private readonly RequestDelegate _scrape;

    internal PrometheusEndpoint(MeterProvider provider)
    {
        // A pipeline of its own, so the admin API and an in-process scrape answer through the same exporter.
        var pipeline = new ApplicationBuilder(new ServiceCollection().BuildServiceProvider());
        pipeline.UseOpenTelemetryPrometheusScrapingEndpoint(provider, static _ => true, path: null, configureBranchedPipeline: null, optionsName: null);
        _scrape = pipeline.Build();
    }

    /// <summary>Answers one scrape request.</summary>
    public Task HandleAsync(HttpContext context) => _scrape(context);

    /// <summary>Scrapes in process and returns the text exposition, as <c>GET /metrics</c> would answer it now.</summary>
    public async Task<string> ScrapeAsync()
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = "/metrics";
        using var body = new MemoryStream();
        context.Response.Body = body;
        await _scrape(context);
        return Encoding.UTF8.GetString(body.ToArray());
    }
}
