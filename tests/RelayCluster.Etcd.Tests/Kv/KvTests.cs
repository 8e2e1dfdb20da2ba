using RelayCluster.Etcd.Kv;

namespace RelayCluster.Etcd.Tests.Kv;

public sealed class KvTests(EtcdServerFixture etcd) : IClassFixture<EtcdServerFixture>
{
    [Fact]
    public async Task RangeAsync_Prefix_ReturnsKeysUnderPrefixSorted()
    {
        using var client = etcd.CreateClient();
        const string root = "/kv/range-prefix";
        foreach (var key in new[] { $"{root}/b", $"{root}/a", $"{root}/c/d", $"{root}0", root })
        {
            Assert.True((await client.PutAsync(key, $"value of {key}")).IsSuccess);
        }

        var result = await client.RangeAsync($"{root}/", prefix: true);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal([$"{root}/a", $"{root}/b", $"{root}/c/d"], result.Value.Kvs.Select(kv => kv.Key));
        Assert.Equal($"value of {root}/a", result.Value.Kvs[0].ValueString);
        Assert.True(result.Value.Revision >= result.Value.Kvs.Max(kv => kv.ModRevision));
    }

    [Fact]
    public async Task RangeAsync_MissingKey_ReturnsNoKeysAndRevision()
    {
        using var client = etcd.CreateClient();

        var result = await client.RangeAsync("/kv/missing");

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Empty(result.Value.Kvs);
        Assert.True(result.Value.Revision > 0);
    }

    [Fact]
    public async Task PutAsync_Twice_BumpsVersionAndKeepsCreateRevision()
    {
        using var client = etcd.CreateClient();
        const string key = "/kv/put-twice";

        var first = await client.PutAsync(key, "one");
        var second = await client.PutAsync(key, "two");
        var read = await client.RangeAsync(key);

        var kv = Assert.Single(read.Value.Kvs);
        Assert.Equal("two", kv.ValueString);
        Assert.Equal(first.Value.Revision, kv.CreateRevision);
        Assert.Equal(second.Value.Revision, kv.ModRevision);
        Assert.Equal(2, kv.Version);
        Assert.Equal(0, kv.Lease);
    }

    [Fact]
    public async Task PutAsync_BinaryValue_RoundTrips()
    {
        using var client = etcd.CreateClient();
        var value = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

        await client.PutAsync("/kv/binary", value);
        var read = await client.RangeAsync("/kv/binary");

        Assert.Equal(value, Assert.Single(read.Value.Kvs).Value.ToArray());
    }

    [Fact]
    public async Task DeleteAsync_Prefix_DeletesOnlyKeysUnderPrefix()
    {
        using var client = etcd.CreateClient();
        const string root = "/kv/delete-prefix";
        await client.PutAsync($"{root}/a", "1");
        await client.PutAsync($"{root}/b", "2");
        await client.PutAsync($"{root}-sibling", "3");

        var deleted = await client.DeleteAsync($"{root}/", prefix: true);
        var single = await client.DeleteAsync($"{root}-sibling");
        var again = await client.DeleteAsync($"{root}-sibling");

        Assert.Equal(2, deleted.Value.Deleted);
        Assert.Equal(1, single.Value.Deleted);
        Assert.Equal(0, again.Value.Deleted);
        Assert.Empty((await client.RangeAsync($"{root}", prefix: true)).Value.Kvs);
    }

    [Fact]
    public async Task PutAsync_UnknownLease_ReturnsLeaseNotFound()
    {
        using var client = etcd.CreateClient();

        var result = await client.PutAsync("/kv/unknown-lease", "x", lease: 0x7eadbeef);

        Assert.False(result.IsSuccess);
        Assert.Equal(EtcdErrorKind.LeaseNotFound, result.Error.Kind);
        Assert.Throws<InvalidOperationException>(() => result.Value);
    }
}
