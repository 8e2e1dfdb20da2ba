using RelayCluster.Etcd.Tests.Watching;

namespace RelayCluster.Etcd.Tests.Cluster;

public sealed class ClusterTests(EtcdClusterFixture etcd) : IClassFixture<EtcdClusterFixture>
{
    [Fact]
    public async Task PutAsync_OneMemberKilled_StillServedAndMemberCatchesUp()
    {
        var cluster = etcd.Cluster;
        using var client = new EtcdClient(new EtcdClientOptions { Endpoints = cluster.ClientUrls, RequestTimeout = TimeSpan.FromSeconds(3) });
        Assert.True((await client.PutAsync("/cluster/kill/before", "1")).IsSuccess);
        var killed = cluster.Members.Single(member => member.ClientUrl == client.PreferredEndpoint);

        await killed.KillAsync();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                var put = await client.PutAsync($"/cluster/kill/during-{i}", $"{i}");
                Assert.True(put.IsSuccess, put.ToString());
            }

            Assert.NotEqual(killed.ClientUrl, client.PreferredEndpoint);
        }
        finally
        {
            await killed.StartAsync();
        }

        using var restarted = new EtcdClient(killed.ClientUrl);
        var read = await restarted.RangeAsync("/cluster/kill/", prefix: true);
        Assert.Equal(6, read.Value.Kvs.Count);
    }

    [Fact]
    public async Task WatchAsync_WatchedMemberDownDuringWrite_SeesWriteAfterRestart()
    {
        var cluster = etcd.Cluster;
        var watched = cluster.Member(1);
        using var watcher = new EtcdClient(new EtcdClientOptions { Endpoints = [watched.ClientUrl], RequestTimeout = TimeSpan.FromSeconds(1) });
        using var writer = new EtcdClient(new EtcdClientOptions { Endpoints = cluster.ClientUrls, RequestTimeout = TimeSpan.FromSeconds(3) });
        const string root = "/cluster/watch-outage/";
        await using var watch = WatchRecorder.Start(watcher, root, (await writer.RangeAsync(root)).Value.Revision + 1);
        await writer.PutAsync($"{root}a", "before");
        Assert.Equal($"{root}a", Assert.Single(await watch.NextEventsAsync(1)).Kv.Key);

        await watched.KillAsync();
        var during = await writer.PutAsync($"{root}b", "during");
        await watched.StartAsync();

        Assert.True(during.IsSuccess, during.ToString());
        var seen = Assert.Single(await watch.NextEventsAsync(1));
        Assert.Equal($"{root}b", seen.Kv.Key);
        Assert.Equal(during.Value.Revision, seen.Kv.ModRevision);
    }

    [Fact]
    public async Task WatchAsync_WatchedMemberKilled_FailsOverToAnotherMember()
    {
        var cluster = etcd.Cluster;
        using var client = new EtcdClient(new EtcdClientOptions { Endpoints = [cluster.Member(2).ClientUrl, cluster.Member(0).ClientUrl], RequestTimeout = TimeSpan.FromSeconds(3) });
        const string root = "/cluster/watch-failover/";
        await using var watch = WatchRecorder.Start(client, root, (await client.RangeAsync(root)).Value.Revision + 1);
        await client.PutAsync($"{root}a", "before");
        Assert.Single(await watch.NextEventsAsync(1));

        await cluster.Member(2).KillAsync();
        try
        {
            var during = await client.PutAsync($"{root}b", "during");
            Assert.True(during.IsSuccess, during.ToString());
            var seen = Assert.Single(await watch.NextEventsAsync(1));
            Assert.Equal(during.Value.Revision, seen.Kv.ModRevision);
        }
        finally
        {
            await cluster.Member(2).StartAsync();
        }
    }
}
