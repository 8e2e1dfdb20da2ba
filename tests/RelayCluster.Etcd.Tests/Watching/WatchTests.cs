using RelayCluster.Etcd.Watching;

namespace RelayCluster.Etcd.Tests.Watching;

public sealed class WatchTests(EtcdServerFixture etcd) : IClassFixture<EtcdServerFixture>
{
    [Fact]
    public async Task WatchAsync_FromRevision_SeesEarlierThenLaterEvents()
    {
        using var client = etcd.CreateClient();
        const string root = "/watch/from-revision/";
        var first = await client.PutAsync($"{root}a", "1");
        await client.PutAsync($"{root}b", "2");
        await client.PutAsync("/watch/elsewhere", "ignored");
        await client.DeleteAsync($"{root}a");

        await using var watch = WatchRecorder.Start(client, root, first.Value.Revision);
        var earlier = await watch.NextEventsAsync(3);
        var later = await client.PutAsync($"{root}c", "3");
        var next = Assert.Single(await watch.NextEventsAsync(1));

        Assert.Equal([EtcdWatchEventType.Put, EtcdWatchEventType.Put, EtcdWatchEventType.Delete], earlier.Select(e => e.Type));
        Assert.Equal([$"{root}a", $"{root}b", $"{root}a"], earlier.Select(e => e.Kv.Key));
        Assert.Equal(first.Value.Revision, earlier[0].Kv.ModRevision);
        Assert.Equal("1", earlier[2].PrevKv?.ValueString);
        Assert.Equal(first.Value.Revision, earlier[2].PrevKv?.ModRevision);
        Assert.Equal($"{root}c", next.Kv.Key);
        Assert.Equal(later.Value.Revision, next.Kv.ModRevision);
        Assert.Null(next.PrevKv);
    }

    [Fact]
    public async Task WatchAsync_FromZero_SeesOnlyNewEvents()
    {
        using var client = etcd.CreateClient();
        const string root = "/watch/from-now/";
        await client.PutAsync($"{root}old", "before");

        await using var watch = WatchRecorder.Start(client, root);
        // The watch may start after this put or before it; either way the only event is this put or a later one.
        await Eventually.TrueAsync(async () =>
        {
            await client.PutAsync($"{root}new", "after");
            await Task.Delay(50);
            return watch.HasPending;
        }, "the watch to see a new put");
        var batch = await watch.NextBatchAsync();

        Assert.All(batch.Events, e => Assert.Equal($"{root}new", e.Kv.Key));
    }

    [Fact]
    public async Task WatchAsync_FromCompactedRevision_YieldsCompactedThenContinues()
    {
        using var client = etcd.CreateClient();
        const string root = "/watch/compacted/";
        var first = await client.PutAsync($"{root}a", "1");
        var second = await client.PutAsync($"{root}a", "2");
        Assert.True((await client.CompactAsync(second.Value.Revision)).IsSuccess);

        await using var watch = WatchRecorder.Start(client, root, first.Value.Revision);
        var compacted = await watch.NextBatchAsync();
        var after = await client.PutAsync($"{root}a", "3");
        var next = Assert.Single(await watch.NextEventsAsync(1));

        Assert.True(compacted.Compacted);
        Assert.Empty(compacted.Events);
        Assert.Equal(second.Value.Revision, compacted.CompactRevision);
        Assert.True(compacted.Revision >= second.Value.Revision);
        Assert.Equal(after.Value.Revision, next.Kv.ModRevision);
        Assert.Equal("3", next.Kv.ValueString);
    }
}
