using RelayCluster.Hocon;

namespace RelayCluster.Core.Configuration;

/// <summary>
/// Reads relay configs: parses HOCON files, binds <c>relay { }</c> to <see cref="RelayConfig"/> and
/// validates it. Never throws for a bad config and never stops at the first error: every problem
/// comes back as a <see cref="ConfigError"/> with file, line and column.
/// </summary>
public static class RelayConfigLoader
{
    /// <summary>Parses <paramref name="files"/> (each merged over the ones before it), then binds and validates the result.</summary>
    public static RelayConfigResult Load(IReadOnlyList<string> files, HoconParseOptions? options = null) =>
        TryParse(files, options, out var root, out var errors) ? Bind(root) : new RelayConfigResult(null, errors);

    /// <summary>Parses <paramref name="files"/> like <see cref="Load"/>, then binds only their <c>relay.rules</c> (for <c>relayctl rules apply</c>).</summary>
    public static RuleConfigResult LoadRules(IReadOnlyList<string> files, HoconParseOptions? options = null) =>
        TryParse(files, options, out var root, out var errors) ? BindRules(root) : new RuleConfigResult([], errors);

    /// <summary>Binds and validates the <c>relay</c> object of an already parsed tree; other top-level keys are ignored.</summary>
    public static RelayConfigResult Bind(HoconObject root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var context = new BindContext();
        var config = RelayConfigBinder.Bind(context, root);
        return new RelayConfigResult(config, context.Finish(), root);
    }

    /// <summary>
    /// Binds and validates the rules under <c>relay.rules</c> of <paramref name="root"/>, the format of
    /// <c>relayctl rules apply</c> files; other keys, in <c>relay</c> or outside it, are ignored.
    /// </summary>
    public static RuleConfigResult BindRules(HoconObject root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var context = new BindContext();
        var rules = RelayConfigBinder.RelayObject(context, root)?.GetField("rules");
        if (rules is null)
        {
            context.Error(root.Position, RuleSetBinder.Path, "missing; expected relay { rules { <name> { ... } } }");
        }

        return new RuleConfigResult(RuleSetBinder.Bind(context, rules, admin: null), context.Finish());
    }

    /// <summary>Binds and validates one rule named <paramref name="name"/> from its object, as stored by a backplane.</summary>
    public static RuleConfigResult BindRule(string name, HoconObject rule)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(rule);
        var context = new BindContext();
        var field = new HoconField(name, rule.Position, rule);
        var bound = RuleConfigBinder.Bind(context, name, field);
        return new RuleConfigResult(bound is { } entry ? [entry.Rule] : [], context.Finish());
    }

    /// <summary>
    /// The listen conflicts among <paramref name="rules"/>, reported at each rule's position: for checking a
    /// rule set assembled from several sources, such as the running rules plus the ones an operator applies.
    /// </summary>
    public static IReadOnlyList<ConfigError> FindListenConflicts(IReadOnlyList<RuleConfig> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var context = new BindContext();
        ListenConflicts.Check(context, rules.Select(rule => (rule, rule.Position)).ToList(), admin: null);
        return context.Finish();
    }

    private static bool TryParse(IReadOnlyList<string> files, HoconParseOptions? options, out HoconObject root, out IReadOnlyList<ConfigError> errors)
    {
        ArgumentNullException.ThrowIfNull(files);
        root = null!;
        var missing = files
            .Where(file => !File.Exists(file))
            .Select(file => new ConfigError(new HoconPosition(file, 0, 0), "file not found"))
            .ToList();
        if (missing.Count > 0)
        {
            errors = missing;
            return false;
        }

        try
        {
            root = HoconParser.ParseFiles(files, options);
            errors = [];
            return true;
        }
        catch (HoconException e)
        {
            errors = [new ConfigError(e.Position, e.Reason)];
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors = [new ConfigError(new HoconPosition(files[0], 0, 0), $"cannot read the config: {e.Message}")];
            return false;
        }
    }
}
