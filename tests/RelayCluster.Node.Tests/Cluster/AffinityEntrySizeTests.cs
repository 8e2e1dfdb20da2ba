using System.Net;
using Akka.Actor;
using Akka.DistributedData;
using RelayCluster.Core.Configuration;
using RelayCluster.Node.Cluster.AkkaCluster;
using Xunit.Abstractions;
using ClusterExtension = Akka.Cluster.Cluster;

namespace RelayCluster.Node.Tests.Cluster;

/// <summary>
/// What one affinity shard weighs on the wire, as the replicator gossips it whole: with the default 128 kB remoting
/// frame, the per-entry bound here and <see cref="ClusterKeys.AffinityShardCount"/> give the capacity the docs state.
/// </summary>
public class AffinityEntrySizeTests(ITestOutputHelper output)
{
    private const int Entries = 2000;

    /// <summary>The bound docs/ARCHITECTURE.md sizes the shards by.</summary>
    private const int MaxBytesPerEntry = 64;

    [Fact]
    public async Task Shard_TwoThousandRandomClients_UnderSixtyFourBytesPerEntry()
    {
        var directory = Directory.CreateTempSubdirectory("relay-affinity-").FullName;
        var config = new RelayConfig { Cluster = new ClusterConfig { Backplane = BackplaneKind.Akka, Akka = new AkkaClusterConfig { Bind = new IPEndPoint(IPAddress.Loopback, 0), StateDir = directory } } };
        var system = ActorSystem.Create("size", AkkaSettings.Build(config).WithFallback(DistributedData.DefaultConfig()));
        try
        {
            var self = ClusterExtension.Get(system).SelfUniqueAddress;
            var random = new Random(7);
            var map = LWWDictionary<string, AffinityEntry>.Empty;
            for (var i = 0; i < Entries; i++)
            {
                var client = new IPEndPoint(new IPAddress(random.NextInt64(0x01000000, 0xDF000000)), random.Next(1024, 65536));
                var upstream = $"10.0.1.{random.Next(1, 255)}:27015";
                map = map.SetItem(self, $"game-eu/{client}", new AffinityEntry(upstream, DateTimeOffset.UtcNow.AddSeconds(random.Next(1, 60))));
            }

            var bytes = system.Serialization.FindSerializerFor(map).ToBinary(map);
            output.WriteLine($"{Entries} entries: {bytes.Length} bytes, {bytes.Length / (double)Entries:0} per entry");
            Assert.True(bytes.Length < MaxBytesPerEntry * Entries, $"{bytes.Length} bytes");
        }
        finally
        {
            await system.Terminate();
            Directory.Delete(directory, recursive: true);
        }
    }
}
