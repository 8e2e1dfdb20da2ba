using RelayCluster.Testing.Etcd;

namespace RelayCluster.Etcd.Tests.Watching;

public sealed class WatchRestartTests
{
    [Fact]
    public async Task WatchAsync_EtcdStoppedAndStarted_ResumesWithoutLossOrRepeat()
    {
        await using var server = await EtcdServer.StartNewAsync();
        using var client = new EtcdClient(new EtcdClientOptions { Endpoints = [server.ClientUrl], RequestTimeout = TimeSpan.FromMilliseconds(500) });
        const string root = "/watch/restart/";
        await using var watch = WatchRecorder.Start(client, root, 1);
        await client.PutAsync($"{root}a", "before");
        Assert.Equal($"{root}a", Assert.Single(await watch.NextEventsAsync(1)).Kv.Key);

        await server.StopAsync();
        Assert.Equal(EtcdErrorKind.Unavailable, (await client.RangeAsync(root)).Error?.Kind);
        await server.StartAsync();
        var after = await client.PutAsync($"{root}b", "after");

        var resumed = Assert.Single(await watch.NextEventsAsync(1));
        await client.PutAsync($"{root}c", "later");
        var next = Assert.Single(await watch.NextEventsAsync(1));

        Assert.Equal($"{root}b", resumed.Kv.Key);
        Assert.Equal(after.Value.Revision, resumed.Kv.ModRevision);
        Assert.Equal($"{root}c", next.Kv.Key);
    }
}
