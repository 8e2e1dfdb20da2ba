using RelayCluster.Core.Configuration;
using RelayCluster.Hocon;
using RelayCluster.Node.Rules;

namespace RelayCluster.Node.Cluster;

/// <summary>
/// Turns rules into what the backplane stores (the rule's resolved object as compact JSON) and back into validated
/// <see cref="RuleConfig"/>s. A rule is checked completely before it is written, so nodes never receive a rule they
/// cannot run.
/// </summary>
public static class RuleDocuments
{
    /// <summary>The rules of a node's config files as documents to seed an empty cluster with.</summary>
    public static IReadOnlyList<StoredRule> FromConfigFiles(IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var root = HoconParser.ParseFiles(files);
        return FromRoot(root);
    }

    /// <summary>The rules under <c>relay.rules</c> of a parsed tree, in the order written.</summary>
    public static IReadOnlyList<StoredRule> FromRoot(HoconObject root)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (root.GetPath("relay.rules") is not HoconObject rules)
        {
            return [];
        }

        return rules.Fields
            .Where(field => field.Value is HoconObject)
            .Select(field => new StoredRule(field.Key, HoconJson.ToJson(field.Value, indented: false), 0))
            .ToList();
    }

    /// <summary>
    /// Parses and validates <paramref name="text"/> (the rule's object, in JSON or HOCON) as rule <paramref name="name"/>
    /// from <paramref name="origin"/>, as a document ready to store, or every error.
    /// </summary>
    public static RuleDocumentResult Parse(string name, string text, string origin)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(text);
        HoconObject rule;
        try
        {
            rule = HoconParser.Parse(text, origin);
        }
        catch (HoconException e)
        {
            return RuleDocumentResult.Invalid([new ConfigError(e.Position, e.Reason).ToString()]);
        }

        var bound = RelayConfigLoader.BindRule(name, rule);
        if (!bound.IsValid)
        {
            return RuleDocumentResult.Invalid(bound.Errors.Select(error => error.ToString()).ToList());
        }

        var config = bound.Rules[0];
        if (RuleSupport.Unsupported(config) is { Count: > 0 } reasons)
        {
            return RuleDocumentResult.Invalid(reasons.Select(reason => $"{origin}: {reason}").ToList());
        }

        return new RuleDocumentResult(config, HoconJson.ToJson(rule, indented: false), []);
    }

    /// <summary>Binds a stored rule; null (with <paramref name="errors"/>) when it does not validate.</summary>
    public static RuleConfig? Bind(StoredRule stored, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var result = Parse(stored.Name, stored.Json, $"rules/{stored.Name}");
        errors = result.Errors;
        return result.Rule;
    }
}

/// <summary>A rule parsed for storing: its config and its canonical JSON, or the errors that keep it out.</summary>
public sealed record RuleDocumentResult(RuleConfig? Rule, string Json, IReadOnlyList<string> Errors)
{
    /// <summary>Whether the rule validated.</summary>
    public bool IsValid => Rule is not null;

    internal static RuleDocumentResult Invalid(IReadOnlyList<string> errors) => new(null, "", errors);
}
