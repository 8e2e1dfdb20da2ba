using System.Text.Encodings.Web;
using System.Text.Json;
using RelayCluster.Cli.Admin;
using RelayCluster.Cli.Output;
using RelayCluster.Core.Admin;

namespace RelayCluster.Cli.Rules;

/// <summary>
/// <c>relayctl rules show NAME</c>: the rule's config as indented JSON under its HOCON path, with the revision in a comment,
/// so that the output saved to a file, edited and given to <c>rules apply -f</c> changes that rule.
/// </summary>
internal sealed class RulesShowCommand(CliContext context)
{
    private static readonly JsonWriterOptions s_indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Fetches <see cref="AdminRoutes.Rule"/> and writes it.</summary>
    public async Task<int> RunAsync(AdminClient client, string name, bool json, CancellationToken cancellationToken)
    {
        var rule = await client.GetAsync<RuleDto>(AdminRoutes.Rule(name), cancellationToken);
        if (json)
        {
            JsonOutput.Write(context.Output, rule);
        }
        else
        {
            Write(context.Output, rule);
        }

        return ExitCodes.Ok;
    }

    /// <summary>Writes <c># rule NAME, revision N</c> and <c>relay.rules.NAME { ... }</c>.</summary>
    public static void Write(TextWriter output, RuleDto rule)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(rule);
        output.WriteLine($"# rule {rule.Name}, revision {rule.Revision}");
        output.WriteLine($"relay.rules.{rule.Name} {Indented(rule.Config)}");
    }

    /// <summary><paramref name="element"/> as indented JSON, non-ASCII and HTML characters left as they are.</summary>
    public static string Indented(JsonElement element)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, s_indented))
        {
            element.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
