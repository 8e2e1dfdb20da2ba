using RelayCluster.Hocon;

namespace RelayCluster.Core.Configuration;

/// <summary>Binds <c>relay.rules</c>, an object keyed by rule name, and checks that no two rules listen on the same port.</summary>
internal static class RuleSetBinder
{
    public const string Path = "relay.rules";

    /// <summary>Binds every rule of <paramref name="rules"/> (the <c>rules</c> field, or null when not written).</summary>
    public static IReadOnlyList<RuleConfig> Bind(BindContext context, HoconField? rules, AdminConfig? admin)
    {
        if (rules is null)
        {
            return [];
        }

        if (rules.Value is not HoconObject rulesObject)
        {
            context.Error(rules.Value.Position, Path, $"expected an object keyed by rule name, as in rules {{ game {{ ... }} }}, got {BindContext.Describe(rules.Value)}");
            return [];
        }

        var bound = new List<(RuleConfig Rule, HoconPosition ListenPosition)>();
        foreach (var field in rulesObject.Fields)
        {
            if (field.Value.Kind == HoconKind.Null)
            {
                continue;
            }

            if (RuleConfigBinder.Bind(context, field.Key, field) is { } rule)
            {
                bound.Add(rule);
            }
        }

        ListenConflicts.Check(context, bound, admin);
        return bound.Select(entry => entry.Rule).ToList();
    }
}
