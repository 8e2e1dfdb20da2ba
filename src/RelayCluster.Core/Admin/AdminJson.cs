using System.Text.Json;
using System.Text.Json.Serialization;

namespace RelayCluster.Core.Admin;

/// <summary>The admin API's JSON: camelCase names, enums as lowercase strings; the same on both ends.</summary>
public static class AdminJson
{
    /// <summary>The serializer options of every admin API body.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The content type of problem answers.</summary>
    public const string ProblemContentType = "application/problem+json";

    /// <summary>The content type of the membership event stream: one JSON object per line.</summary>
    public const string EventStreamContentType = "application/x-ndjson";
}
