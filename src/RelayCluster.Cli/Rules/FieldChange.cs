using System.Text.Encodings.Web;
using System.Text.Json;

namespace RelayCluster.Cli.Rules;

/// <summary>One field that differs between two versions of a rule; a side is null where the field is absent.</summary>
/// <param name="Path">The field's path inside the rule, as in <c>session.max</c> or <c>upstreams[1].weight</c>.</param>
/// <param name="Old">The value in the cluster now.</param>
/// <param name="New">The value the file asks for.</param>
internal sealed record FieldChange(string Path, JsonElement? Old, JsonElement? New)
{
    private static readonly JsonSerializerOptions s_compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The change as <c>  session.max: 50000 -> 60000</c>; an absent side is <c>(none)</c>.</summary>
    public override string ToString() => $"  {Path}: {Text(Old)} -> {Text(New)}";

    private static string Text(JsonElement? value) => value is { } element ? JsonSerializer.Serialize(element, s_compact) : "(none)";
}
