using System.Runtime.Serialization;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;

namespace RelayCluster.Node.Cluster.AkkaCluster;

/// <summary>
/// Writes the cluster's own messages and DistributedData values as System.Text.Json, with a short manifest per type,
/// instead of Akka's Newtonsoft default (which writes .NET type names and is slow).
/// </summary>
public sealed class RelayJsonSerializer : SerializerWithStringManifest
{
    private static readonly JsonSerializerOptions s_options = new(JsonSerializerDefaults.Web);
    private static readonly Dictionary<string, Type> s_types = new(StringComparer.Ordinal)
    {
        ["member"] = typeof(MemberInfo),
        ["rule"] = typeof(RuleEntry),
        ["upstream"] = typeof(UpstreamEntry),
        ["down"] = typeof(OperatorDown),
        ["down-notice"] = typeof(OperatorDownNotice),
        ["seed"] = typeof(SeedRules),
        ["put"] = typeof(PutRule),
        ["delete"] = typeof(DeleteRule),
        ["reply"] = typeof(RuleWriteReply),
        ["stats"] = typeof(StatsEntry),
        ["affinity"] = typeof(AffinityEntry),
    };

    private static readonly Dictionary<Type, string> s_manifests = s_types.ToDictionary(entry => entry.Value, entry => entry.Key);

    /// <summary>Created by Akka's serialization from <c>akka.actor.serializers</c>.</summary>
    public RelayJsonSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    /// <summary>The id registered in <c>akka.actor.serialization-identifiers</c>.</summary>
    public const int Id = 4053;

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    public override byte[] ToBinary(object obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), s_options);
    }

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest) =>
        s_types.TryGetValue(manifest, out var type)
            ? JsonSerializer.Deserialize(bytes, type, s_options) ?? throw new SerializationException($"empty {manifest} message")
            : throw new SerializationException($"unknown manifest '{manifest}'");

    /// <inheritdoc />
    public override string Manifest(object o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return s_manifests.TryGetValue(o.GetType(), out var manifest)
            ? manifest
            : throw new SerializationException($"{o.GetType()} is not a cluster message");
    }
}
