namespace RelayCluster.Testing.Etcd;

/// <summary>
/// A real etcd cluster of several members on free loopback ports, for tests that take members away: kill one with
/// <c>Member(i).KillAsync()</c>, bring it back with <c>Member(i).StartAsync()</c> (same data directory and ports).
/// </summary>
public sealed class EtcdCluster : IAsyncDisposable
{
    private readonly EtcdServer[] _members;

    private EtcdCluster(EtcdServer[] members)
    {
        _members = members;
    }

    /// <summary>The members, in order.</summary>
    public IReadOnlyList<EtcdServer> Members => _members;

    /// <summary>The client URLs of all members, in member order.</summary>
    public IReadOnlyList<Uri> ClientUrls => [.. _members.Select(member => member.ClientUrl)];

    /// <summary>Starts a cluster of <paramref name="size"/> members and waits until every member serves.</summary>
    public static async Task<EtcdCluster> StartNewAsync(int size = 3, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        for (var attempt = 1; ; attempt++)
        {
            var names = Enumerable.Range(0, size).Select(i => $"member{i}").ToArray();
            var ports = names.Select(_ => (Client: FreePorts.Next(), Peer: FreePorts.Next())).ToArray();
            var initialCluster = string.Join(",", names.Select((name, i) => $"{name}=http://127.0.0.1:{ports[i].Peer}"));
            var token = $"relay-test-{Guid.NewGuid():N}";
            var members = names.Select((name, i) => new EtcdServer(name, ports[i].Client, ports[i].Peer, initialCluster, token)).ToArray();
            var cluster = new EtcdCluster(members);
            try
            {
                foreach (var member in members)
                {
                    member.Launch();
                }

                var state = await EtcdServer.WaitReadyAsync(members, cancellationToken);
                if (state == EtcdStartState.Ready)
                {
                    return cluster;
                }

                if (state != EtcdStartState.PortConflict || attempt == 3)
                {
                    var failed = members.First(member => !member.IsRunning);
                    throw failed.StartFailure(state);
                }
            }
            catch
            {
                await cluster.DisposeAsync();
                throw;
            }

            // A port was taken between choosing it and etcd binding it: the whole cluster needs new ports.
            await cluster.DisposeAsync();
        }
    }

    /// <summary>The member at <paramref name="index"/>.</summary>
    public EtcdServer Member(int index) => _members[index];

    /// <summary>Kills every member and deletes their data directories.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var member in _members)
        {
            await member.DisposeAsync();
        }
    }
}
