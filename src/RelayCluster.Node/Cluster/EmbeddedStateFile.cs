using System.Text.Json;
using System.Text.Json.Serialization;
using RelayCluster.Core.Upstreams;

namespace RelayCluster.Node.Cluster;

/// <summary>The embedded backplane's runtime changes: rules written (or deleted, as null) and upstream admin states.</summary>
internal sealed class EmbeddedState
{
    public long Revision { get; set; }

    public Dictionary<string, EmbeddedRuleOverride?> Rules { get; set; } = new(StringComparer.Ordinal);

    public List<EmbeddedUpstreamState> Upstreams { get; set; } = [];
}

/// <summary>A rule written at runtime.</summary>
internal sealed record EmbeddedRuleOverride(string Json, long Revision);

/// <summary>An upstream drained or disabled at runtime.</summary>
internal sealed record EmbeddedUpstreamState(string Rule, string Address, UpstreamAdminState State);

/// <summary>Reads and atomically replaces the embedded backplane's state file.</summary>
internal sealed class EmbeddedStateFile(string path)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) } };

    public EmbeddedState? Load()
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<EmbeddedState>(File.ReadAllText(path), s_json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: the state file is not valid: {e.Message}", e);
        }
    }

    public void Save(EmbeddedState state)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(state, s_json));
        File.Move(temporary, path, overwrite: true);
    }
}
