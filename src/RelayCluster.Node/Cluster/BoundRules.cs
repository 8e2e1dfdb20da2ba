using System.Collections.Concurrent;
using RelayCluster.Core.Configuration;

namespace RelayCluster.Node.Cluster;

/// <summary>
/// The validated <see cref="RuleConfig"/> of each stored rule, bound once per document. A rule the node seeded from its
/// config files is the config the loader validated from those files (its positions name the file, line and column it was
/// written at); only a rule that arrived as text, through the admin API or from another node, is bound here from its
/// JSON, with positions in that text (<c>rules/NAME</c>).
/// </summary>
internal sealed class BoundRules
{
    private readonly ConcurrentDictionary<string, Entry> _bound = new(StringComparer.Ordinal);

    /// <summary>Remembers the config files' validated rules as the configs of their seed documents.</summary>
    public void AddFileRules(IReadOnlyList<StoredRule> seed, IReadOnlyList<RuleConfig> fileRules)
    {
        var byName = fileRules.ToDictionary(rule => rule.Name, StringComparer.Ordinal);
        foreach (var stored in seed)
        {
            if (byName.TryGetValue(stored.Name, out var config))
            {
                _bound[stored.Name] = new Entry(stored.Json, config);
            }
        }
    }

    /// <summary>The config of <paramref name="stored"/>; null (with <paramref name="errors"/>) when it does not validate.</summary>
    public RuleConfig? Bind(StoredRule stored, out IReadOnlyList<string> errors)
    {
        if (_bound.TryGetValue(stored.Name, out var entry) && entry.Json == stored.Json)
        {
            errors = [];
            return entry.Config;
        }

        var config = RuleDocuments.Bind(stored, out errors);
        if (config is not null)
        {
            _bound[stored.Name] = new Entry(stored.Json, config);
        }

        return config;
    }

    private sealed record Entry(string Json, RuleConfig Config);
}
