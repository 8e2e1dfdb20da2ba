using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using RelayCluster.Cli.Tests.Admin;
using RelayCluster.Core.Admin;

namespace RelayCluster.Cli.Tests.Cluster;

public class ClusterTailCommandTests
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Tail_StreamEnds_PrintsOneLinePerEventAndExitsZero()
    {
        await using var node = await StubNode.StartAsync(app => app.MapGet(AdminRoutes.Cluster, async (HttpContext context) =>
        {
            Assert.Equal("true", context.Request.Query["watch"]);
            context.Response.ContentType = AdminJson.EventStreamContentType;
            await WriteEventAsync(context, new MemberEventDto("joined", Samples.MemberB, Samples.Started.AddSeconds(1)));
            await WriteEventAsync(context, new MemberEventDto("unreachable", Samples.MemberB with { Reachability = "unreachable" }, Samples.Started.AddSeconds(9)));
        }));

        var (exitCode, output, error) = await CliRun.AgainstAsync(node.Url, "cluster", "tail");

        Assert.True(exitCode == 0, error);
        Assert.Equal(
            [
                "2026-11-22T05:00:01Z joined node-b | http://127.0.0.1:9111 | [] | up | reachable | 1.0.0",
                "2026-11-22T05:00:09Z unreachable node-b | http://127.0.0.1:9111 | [] | up | unreachable | 1.0.0",
            ],
            output.TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public async Task Tail_Interrupted_ExitsZeroAfterTheEventsSoFar()
    {
        await using var node = await StubNode.StartAsync(app => app.MapGet(AdminRoutes.Cluster, async (HttpContext context) =>
        {
            context.Response.ContentType = AdminJson.EventStreamContentType;
            await WriteEventAsync(context, new MemberEventDto("joined", Samples.MemberB, Samples.Started));
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }));
        using var output = new LineSignalWriter();
        using var interrupt = new CancellationTokenSource();

        var run = CliRun.RunAsync(["--node", node.Url, "--json", "cluster", "tail"], output: output, cancellationToken: interrupt.Token);
        await output.WaitForLinesAsync(1, s_deadline);
        await interrupt.CancelAsync();
        var (exitCode, text, error) = await run.WaitAsync(s_deadline);

        Assert.True(exitCode == 0, error);
        Assert.Empty(error);
        using var line = JsonDocument.Parse(text);
        Assert.Equal("joined", line.RootElement.GetProperty("kind").GetString());
    }

    private static async Task WriteEventAsync(HttpContext context, MemberEventDto memberEvent)
    {
        await context.Response.WriteAsync(JsonSerializer.Serialize(memberEvent, AdminJson.Options) + "\n");
        await context.Response.Body.FlushAsync();
    }
}
