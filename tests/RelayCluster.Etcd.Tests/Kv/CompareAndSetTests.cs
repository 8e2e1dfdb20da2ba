using System.Text;
using RelayCluster.Etcd.Kv;

namespace RelayCluster.Etcd.Tests.Kv;

public sealed class CompareAndSetTests(EtcdServerFixture etcd) : IClassFixture<EtcdServerFixture>
{
    [Fact]
    public async Task PutIfModRevisionAsync_ExpectedZero_CreatesOnlyWhenAbsent()
    {
        using var client = etcd.CreateClient();
        const string key = "/cas/create";

        var created = await client.PutIfModRevisionAsync(key, "first", expectedModRevision: 0);
        var conflict = await client.PutIfModRevisionAsync(key, "second", expectedModRevision: 0);

        Assert.True(created.Value.Succeeded);
        Assert.Null(created.Value.Current);
        Assert.False(conflict.Value.Succeeded);
        Assert.Equal("first", conflict.Value.Current?.ValueString);
        Assert.Equal(created.Value.Revision, conflict.Value.Current?.ModRevision);
    }

    [Fact]
    public async Task PutIfModRevisionAsync_CurrentRevision_SucceedsAndStaleRevisionConflicts()
    {
        using var client = etcd.CreateClient();
        const string key = "/cas/update";
        var put = await client.PutAsync(key, "v1");

        var updated = await client.PutIfModRevisionAsync(key, "v2", put.Value.Revision);
        var stale = await client.PutIfModRevisionAsync(key, "v3", put.Value.Revision);

        Assert.True(updated.Value.Succeeded);
        Assert.False(stale.Value.Succeeded);
        Assert.Equal("v2", stale.Value.Current?.ValueString);
        Assert.Equal(updated.Value.Revision, stale.Value.Current?.ModRevision);
        Assert.Equal("v2", Assert.Single((await client.RangeAsync(key)).Value.Kvs).ValueString);
    }

    [Fact]
    public async Task DeleteIfModRevisionAsync_StaleThenCurrent_DeletesOnlyOnMatch()
    {
        using var client = etcd.CreateClient();
        const string key = "/cas/delete";
        var first = await client.PutAsync(key, "v1");
        var second = await client.PutAsync(key, "v2");

        var stale = await client.DeleteIfModRevisionAsync(key, first.Value.Revision);
        var current = await client.DeleteIfModRevisionAsync(key, second.Value.Revision);
        var gone = await client.DeleteIfModRevisionAsync(key, second.Value.Revision);

        Assert.False(stale.Value.Succeeded);
        Assert.Equal("v2", stale.Value.Current?.ValueString);
        Assert.True(current.Value.Succeeded);
        Assert.False(gone.Value.Succeeded);
        Assert.Null(gone.Value.Current);
    }

    [Fact]
    public async Task TxnAsync_ValueCompare_RunsMatchingBranchAtomically()
    {
        using var client = etcd.CreateClient();
        const string root = "/cas/txn";
        await client.PutAsync($"{root}/flag", "on");

        var result = await client.TxnAsync(
            [EtcdCompare.ValueBytes($"{root}/flag", EtcdCompareOperator.Equal, Encoding.UTF8.GetBytes("on")), EtcdCompare.Version($"{root}/a", EtcdCompareOperator.Equal, 0)],
            [EtcdOperation.Put($"{root}/a", Encoding.UTF8.GetBytes("1")), EtcdOperation.Put($"{root}/b", Encoding.UTF8.GetBytes("2")), EtcdOperation.Range($"{root}/", prefix: true)],
            [EtcdOperation.Delete($"{root}/", prefix: true)]);
        var repeated = await client.TxnAsync(
            [EtcdCompare.Version($"{root}/a", EtcdCompareOperator.Equal, 0)],
            [],
            [EtcdOperation.Delete($"{root}/", prefix: true)]);

        Assert.True(result.Value.Succeeded);
        Assert.Equal([EtcdOperationKind.Put, EtcdOperationKind.Put, EtcdOperationKind.Range], result.Value.Results.Select(r => r.Kind));
        Assert.Equal([$"{root}/a", $"{root}/b", $"{root}/flag"], result.Value.Results[2].Kvs.Select(kv => kv.Key));
        Assert.False(repeated.Value.Succeeded);
        Assert.Equal(3, Assert.Single(repeated.Value.Results).Deleted);
    }
}
