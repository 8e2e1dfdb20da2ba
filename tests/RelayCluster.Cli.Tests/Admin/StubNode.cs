using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace RelayCluster.Cli.Tests.Admin;

/// <summary>A request as the stub saw it.</summary>
internal sealed record StubRequest(string Method, string PathAndQuery, string? Authorization, string? IfMatch, string Body);

/// <summary>A stand-in admin API on Kestrel, loopback port 0: canned answers per route, every request recorded.</summary>
internal sealed class StubNode : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StubNode(WebApplication app, ConcurrentQueue<StubRequest> requests)
    {
        _app = app;
        Requests = requests;
    }

    public ConcurrentQueue<StubRequest> Requests { get; }

    public string Url => _app.Urls.Single();

    public static async Task<StubNode> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var requests = new ConcurrentQueue<StubRequest>();
        app.Use(async (context, next) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            requests.Enqueue(new StubRequest(
                context.Request.Method,
                context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget,
                context.Request.Headers.Authorization.FirstOrDefault(),
                context.Request.Headers.IfMatch.FirstOrDefault(),
                body));
            await next(context);
        });
        map(app);
        await app.StartAsync();
        return new StubNode(app, requests);
    }

    /// <summary>A handler that answers <paramref name="value"/> as admin JSON.</summary>
    public static IResult Json<T>(T value, int status = 200) =>
        Results.Json(value, RelayCluster.Core.Admin.AdminJson.Options, statusCode: status);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
