using System.Text.Json;
using RelayCluster.Core.Admin;

namespace RelayCluster.Cli.Output;

/// <summary>What <c>--json</c> writes: one document on one line, in the admin API's own format, so scripts can pipe it to <c>jq</c>.</summary>
internal static class JsonOutput
{
    /// <summary>Writes <paramref name="value"/> serialized with <see cref="AdminJson.Options"/>.</summary>
    public static void Write<T>(TextWriter output, T value)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(JsonSerializer.Serialize(value, AdminJson.Options));
    }
}
