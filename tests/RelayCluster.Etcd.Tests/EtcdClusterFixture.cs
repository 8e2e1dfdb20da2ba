using RelayCluster.Testing.Etcd;

namespace RelayCluster.Etcd.Tests;

/// <summary>One three-member etcd cluster per test class; a test that kills a member starts it again before it ends.</summary>
public sealed class EtcdClusterFixture : IAsyncLifetime
{
    public EtcdCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await EtcdCluster.StartNewAsync(3);

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
