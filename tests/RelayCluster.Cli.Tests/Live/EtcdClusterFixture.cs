using RelayCluster.Testing.Etcd;

namespace RelayCluster.Cli.Tests.Live;

/// <summary>One etcd for the cluster command tests; each test runs its own relay cluster in it.</summary>
public sealed class EtcdClusterFixture : IAsyncLifetime
{
    public EtcdServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await EtcdServer.StartNewAsync("relayctl-tests");

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
