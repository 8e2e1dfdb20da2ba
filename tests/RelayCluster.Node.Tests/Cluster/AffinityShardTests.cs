using System.Net;
using RelayCluster.Node.Cluster.AkkaCluster;

namespace RelayCluster.Node.Tests.Cluster;

public class AffinityShardTests
{
    [Theory]
    [InlineData("game/127.0.0.1:40000")]
    [InlineData("game-eu/[2001:db8::1]:27015")]
    public void AffinityShard_SameKey_SameShardEveryTimeAndInRange(string key)
    {
        var shard = ClusterKeys.AffinityShard(key);

        Assert.InRange(shard, 0, ClusterKeys.AffinityShardCount - 1);
        Assert.Equal(shard, ClusterKeys.AffinityShard(new string(key.AsSpan())));
        Assert.Equal($"relay-affinity-{shard}", ClusterKeys.Affinity[shard].Id);
    }

    [Fact]
    public void AffinityShard_ManyClients_SpreadOverEveryShard()
    {
        var random = new Random(3);
        var counts = new int[ClusterKeys.AffinityShardCount];
        const int Clients = 64_000;
        for (var i = 0; i < Clients; i++)
        {
            var client = new IPEndPoint(new IPAddress(random.NextInt64(0x01000000, 0xDF000000)), random.Next(1024, 65536));
            counts[ClusterKeys.AffinityShard($"game/{client}")]++;
        }

        var mean = Clients / ClusterKeys.AffinityShardCount;
        Assert.All(counts, count => Assert.InRange(count, mean * 0.8, mean * 1.2));
    }
}
