using System.Text.Json;
using System.Text.Json.Serialization;

namespace RelayCluster.Node.Cluster.Etcd;

/// <summary>The JSON of the values the backplane stores: camelCase, enums as kebab-case names.</summary>
internal static class EtcdJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T? Read<T>(string json) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
