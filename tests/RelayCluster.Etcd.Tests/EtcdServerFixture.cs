using RelayCluster.Testing.Etcd;

namespace RelayCluster.Etcd.Tests;

/// <summary>One etcd per test class; tests keep apart by using their own key prefixes.</summary>
public sealed class EtcdServerFixture : IAsyncLifetime
{
    public EtcdServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await EtcdServer.StartNewAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public EtcdClient CreateClient() => new(Server.ClientUrl);
}
