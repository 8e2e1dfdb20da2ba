using RelayCluster.Testing.Etcd;

namespace RelayCluster.Node.Tests.Cluster;

/// <summary>One etcd for a test class; each test runs its own cluster name in it.</summary>
public sealed class EtcdFixture : IAsyncLifetime
{
    public EtcdServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await EtcdServer.StartNewAsync("relay-tests");

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
