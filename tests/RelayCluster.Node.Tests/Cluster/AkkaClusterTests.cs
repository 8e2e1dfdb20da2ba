using System.Diagnostics;
using Xunit.Abstractions;

namespace RelayCluster.Node.Tests.Cluster;

/// <summary>Three real relay-node processes on the Akka backplane, shared by the tests of this class.</summary>
public sealed class ThreeNodeCluster : IAsyncLifetime
{
    internal ProcessCluster Cluster { get; private set; } = null!;

    /// <summary>How long after the start all three were up on every node.</summary>
    public TimeSpan UpAfter { get; private set; }

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        Cluster = await ProcessCluster.StartAsync(3);
        string[] ids = ["node-0", "node-1", "node-2"];
        await Eventually.TrueAsync(
            () => Cluster.Nodes.All(node => ProcessCluster.SeesUpAsync(node, ids).GetAwaiter().GetResult()),
            "three members up on every node",
            TimeSpan.FromSeconds(30));
        UpAfter = clock.Elapsed;
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

public class AkkaClusterTests(ThreeNodeCluster fixture, ITestOutputHelper output) : IClassFixture<ThreeNodeCluster>
{
    private ProcessCluster Cluster => fixture.Cluster;

    [Fact]
    public void ThreeNodes_StartedTogether_AllUpOnEveryNodeWithinFifteenSeconds()
    {
        output.WriteLine($"three nodes up on every node {fixture.UpAfter.TotalMilliseconds:0} ms after the processes started");
        Assert.True(fixture.UpAfter < TimeSpan.FromSeconds(15), $"took {fixture.UpAfter}");
    }
}
