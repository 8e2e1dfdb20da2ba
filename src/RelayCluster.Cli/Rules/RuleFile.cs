using RelayCluster.Core.Configuration;
using RelayCluster.Hocon;

namespace RelayCluster.Cli.Rules;

/// <summary>One rule of a <c>rules apply</c> file: its name and its object rendered as JSON, the body the node is sent.</summary>
internal sealed record RuleSource(string Name, string Json);

/// <summary>Reads the rules of a <c>rules apply</c> file: any HOCON with <c>relay.rules</c>, checked as the node checks its config.</summary>
internal static class RuleFile
{
    /// <summary>The rules of <paramref name="file"/> in the order written, or every error in it (then no rules).</summary>
    public static (IReadOnlyList<RuleSource> Rules, IReadOnlyList<ConfigError> Errors) Load(string file, HoconParseOptions? options = null)
    {
        var checkedRules = RelayConfigLoader.LoadRules([file], options);
        if (!checkedRules.IsValid)
        {
            return ([], checkedRules.Errors);
        }

        // The binder's records carry defaults and parsed values; the node is sent what the operator wrote, resolved.
        var rules = HoconParser.ParseFiles([file], options).GetPath("relay.rules") as HoconObject;
        var sources = rules?.Fields.Select(field => new RuleSource(field.Key, HoconJson.ToJson(field.Value, indented: false))).ToList() ?? [];
        return (sources, []);
    }
}
