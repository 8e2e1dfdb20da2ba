namespace RelayCluster.Hocon.Internal;

internal sealed partial class Resolver
{
    private Node ResolveSubstitution(SubstitutionNode substitution)
    {
        _chain.Add(substitution);
        try
        {
            var found = substitution.Prefix.Length > 0 ? Lookup([.. substitution.Prefix, .. substitution.Path], substitution) : null;
            found ??= Lookup(substitution.Path, substitution);
            if (found is not null)
            {
                return found;
            }

            var name = string.Join('.', substitution.Path);
            var environment = _options.GetEnvironmentVariable(name);
            if (!string.IsNullOrEmpty(environment))
            {
                return new ScalarNode(HoconKind.String, environment, substitution.Position);
            }

            if (substitution.IsOptional)
            {
                return UndefinedNode.Instance;
            }

            throw new HoconException(substitution.Position,
                $"could not resolve {substitution.Render()}: '{PathBuilder.Render(substitution.Path)}' is not set in the configuration and there is no environment variable '{name}'; write ${{?...}} if the value is optional");
        }
        finally
        {
            _chain.RemoveAt(_chain.Count - 1);
        }
    }

    /// <summary>The value at <paramref name="path"/> from the root, or null when nothing is there.</summary>
    private Node? Lookup(string[] path, SubstitutionNode substitution)
    {
        Node current = _root;
        foreach (var key in path)
        {
            var child = (current as ObjectNode)?.Get(key);
            if (child is null)
            {
                return null;
            }

            current = ResolveForLookup(child, substitution);
            if (current is UndefinedNode)
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>
    /// Resolves a node a substitution passes through. A node already being resolved means a cycle: for a key assigned more than
    /// once it is broken by looking back at the values assigned before the one being resolved, as the spec describes.
    /// </summary>
    private Node ResolveForLookup(Node node, SubstitutionNode substitution)
    {
        if (node is MergeNode merge && _activeLayers.TryGetValue(merge, out var active) && active.Count > 0)
        {
            var below = ResolveLayers(merge, active.Peek() - 1);
            return below is UndefinedNode && !substitution.IsOptional ? throw Cycle(merge, substitution) : below;
        }

        if (_inProgress.ContainsKey(node))
        {
            return substitution.IsOptional ? UndefinedNode.Instance : throw Cycle(node, substitution);
        }

        return ResolveShallow(node);
    }

    private HoconException Cycle(Node node, SubstitutionNode substitution)
    {
        var start = _inProgress.TryGetValue(node, out var index) ? index : 0;
        var links = _chain.Skip(start).Select(link => link.Render()).ToList();
        if (links.Count == 0)
        {
            links.Add(substitution.Render());
        }

        var cycle = string.Join(" -> ", links.Append(links[0]));
        return new HoconException(substitution.Position,
            $"substitution cycle: {cycle}; no earlier value of '{PathBuilder.Render(substitution.Path)}' exists to fall back to");
    }
}
