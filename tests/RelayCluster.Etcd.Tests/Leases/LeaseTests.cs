namespace RelayCluster.Etcd.Tests.Leases;

public sealed class LeaseTests(EtcdServerFixture etcd) : IClassFixture<EtcdServerFixture>
{
    [Fact]
    public async Task LeaseKeepAliveAsync_GrantedLease_RenewsToFullTtl()
    {
        using var client = etcd.CreateClient();

        var lease = await client.LeaseGrantAsync(TimeSpan.FromSeconds(5));
        var renewed = await client.LeaseKeepAliveAsync(lease.Value.Id);

        Assert.True(lease.IsSuccess, lease.ToString());
        Assert.NotEqual(0, lease.Value.Id);
        Assert.Equal(TimeSpan.FromSeconds(5), lease.Value.Ttl);
        Assert.Equal(TimeSpan.FromSeconds(5), renewed.Value);
    }

    [Fact]
    public async Task LeaseRevokeAsync_DeletesAttachedKeysAndEndsTheLease()
    {
        using var client = etcd.CreateClient();
        var lease = await client.LeaseGrantAsync(TimeSpan.FromSeconds(30));
        await client.PutAsync("/lease/revoke/a", "1", lease.Value.Id);
        await client.PutAsync("/lease/revoke/b", "2", lease.Value.Id);
        Assert.Equal(lease.Value.Id, (await client.RangeAsync("/lease/revoke/a")).Value.Kvs[0].Lease);

        var revoked = await client.LeaseRevokeAsync(lease.Value.Id);
        var keepAlive = await client.LeaseKeepAliveAsync(lease.Value.Id);
        var revokedAgain = await client.LeaseRevokeAsync(lease.Value.Id);

        Assert.True(revoked.IsSuccess, revoked.ToString());
        Assert.Empty((await client.RangeAsync("/lease/revoke/", prefix: true)).Value.Kvs);
        Assert.Equal(EtcdErrorKind.LeaseNotFound, keepAlive.Error?.Kind);
        Assert.Equal(EtcdErrorKind.LeaseNotFound, revokedAgain.Error?.Kind);
    }

    [Fact]
    public async Task LeaseGrantAsync_ShortTtlNotKeptAlive_KeyDisappears()
    {
        using var client = etcd.CreateClient();
        var lease = await client.LeaseGrantAsync(TimeSpan.FromSeconds(1));
        await client.PutAsync("/lease/expire/key", "short-lived", lease.Value.Id);
        Assert.Single((await client.RangeAsync("/lease/expire/key")).Value.Kvs);

        await Eventually.TrueAsync(async () => (await client.RangeAsync("/lease/expire/key")).Value.Kvs.Count == 0, "the key to go with its lease");

        Assert.Equal(EtcdErrorKind.LeaseNotFound, (await client.LeaseKeepAliveAsync(lease.Value.Id)).Error?.Kind);
    }
}
