using System.Runtime.CompilerServices;
using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;
using RelayCluster.Core.Configuration;
using RelayCluster.Core.Upstreams;
using RelayCluster.Node.Cluster;
using RelayCluster.Node.Cluster.AkkaCluster;

namespace RelayCluster.Node.Tests.Cluster.AkkaCluster;

public sealed class RelayJsonSerializerTests : IDisposable
{
    // The node's own cluster settings, on a local provider: serialization is the same without remoting.
    private readonly ActorSystem _system = ActorSystem.Create(
        "serialization",
        ConfigurationFactory.ParseString("akka.actor.provider = local").WithFallback(AkkaSettings.Build(new RelayConfig())));

    public static TheoryData<IClusterMessage> Messages() =>
    [
        new MemberInfo("node-1", "http://127.0.0.1:9110", ["eu"], "1.0.0", DateTimeOffset.UnixEpoch),
        new RuleEntry("""{"protocol":"udp"}""", 7),
        new RuleEntry(null, 8),
        new UpstreamEntry("game", "10.0.0.1:7777", UpstreamAdminState.Draining),
        new OperatorDown(DateTimeOffset.UnixEpoch),
        new OperatorDownNotice("127.0.0.1:4053#42"),
        new SeedRules([new StoredRule("game", """{"protocol":"udp"}""", 1)]),
        new PutRule("game", """{"protocol":"udp"}""", 3),
        new DeleteRule("game", null),
        new RuleWriteReply(RuleWriteOutcome.Conflict, 4, "revision is 4"),
        new StatsEntry(new NodeStats("node-1", DateTimeOffset.UnixEpoch, [])),
        new AffinityEntry("10.0.0.1:7777", DateTimeOffset.UnixEpoch),
    ];

    [Theory]
    [MemberData(nameof(Messages))]
    public void Serialize_EveryClusterMessage_TakesTheJsonSerializerAndRoundTrips(IClusterMessage message)
    {
        var serializer = _system.Serialization.FindSerializerFor(message);

        Assert.IsType<RelayJsonSerializer>(serializer);
        var manifest = Serialization.ManifestFor(serializer, message);
        var bytes = serializer.ToBinary(message);
        var back = _system.Serialization.Deserialize(bytes, serializer.Identifier, manifest);
        Assert.IsType(message.GetType(), back);
        Assert.Equal(bytes, serializer.ToBinary(back));
    }

    [Fact]
    public void Manifest_EveryClusterMessageType_HasOne()
    {
        var serializer = (SerializerWithStringManifest)_system.Serialization.FindSerializerForType(typeof(IClusterMessage));
        var types = typeof(IClusterMessage).Assembly.GetTypes().Where(type => type.IsClass && !type.IsAbstract && typeof(IClusterMessage).IsAssignableFrom(type)).ToList();

        Assert.NotEmpty(types);
        Assert.All(types, type => Assert.False(string.IsNullOrEmpty(serializer.Manifest(RuntimeHelpers.GetUninitializedObject(type)))));
        Assert.All(types, type => Assert.Contains(type, Messages().Cast<object[]>().Select(row => row[0].GetType())));
    }

    public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));
}
