using System.Text.Json;
using RelayCluster.Core.Configuration;

namespace RelayCluster.Cli.Config;

/// <summary><c>relayctl config check FILE</c>: validates a config and prints every error, or a one-line summary.</summary>
internal sealed class ConfigCheckCommand(CliContext context)
{
    /// <summary>Checks <paramref name="files"/>, each merged over the ones before it; exits 1 when there is any error.</summary>
    public int Run(IReadOnlyList<string> files, bool json)
    {
        var result = RelayConfigLoader.Load(files);
        if (json)
        {
            WriteJson(result);
        }
        else if (result.Config is { } config)
        {
            context.Output.WriteLine($"ok: {Summarize(config)}");
        }
        else
        {
            foreach (var error in result.Errors)
            {
                context.Output.WriteLine(error);
            }

            context.Error.WriteLine($"{result.Errors.Count} error{(result.Errors.Count == 1 ? "" : "s")}");
        }

        return result.IsValid ? ExitCodes.Ok : ExitCodes.Error;
    }

    /// <summary>The summary line after <c>ok:</c>, as in <c>2 rules (1 udp, 1 tcp), backplane embedded, admin 127.0.0.1:9110</c>.</summary>
    public static string Summarize(RelayConfig config)
    {
        var rules = config.Rules.Count == 1 ? "1 rule" : $"{config.Rules.Count} rules";
        var byProtocol = config.Rules
            .GroupBy(rule => rule.Protocol)
            .OrderBy(group => group.Key)
            .Select(group => $"{group.Count()} {ConfigNames.Of(group.Key)}")
            .ToList();
        if (byProtocol.Count > 0)
        {
            rules += $" ({string.Join(", ", byProtocol)})";
        }

        return $"{rules}, backplane {ConfigNames.Of(config.Cluster.Backplane)}, admin {config.Node.Admin.Bind}";
    }

    private void WriteJson(RelayConfigResult result)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("valid", result.IsValid);
            if (result.Config is { } config)
            {
                writer.WriteString("summary", Summarize(config));
            }

            writer.WriteStartArray("errors");
            foreach (var error in result.Errors)
            {
                writer.WriteStartObject();
                writer.WriteString("file", error.Position.File);
                writer.WriteNumber("line", error.Position.Line);
                writer.WriteNumber("column", error.Position.Column);
                writer.WriteString("message", error.Message);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        context.Output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
