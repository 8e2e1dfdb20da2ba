namespace RelayCluster.Core.Actors.Internal;

/// <summary>Children and watches.</summary>
internal sealed partial class ActorCell
{
    private Dictionary<string, ActorCell>? _children;
    private HashSet<ActorCell>? _watchers;
    private volatile bool _parentWatches = true;

    public ActorCell SpawnChild(Props props, string name)
    {
        ArgumentNullException.ThrowIfNull(props);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"An actor name must not contain '/': '{name}'.", nameof(name));
        }

        var child = new ActorCell(System, this, Path.Child(name), props);
        lock (_sync)
        {
            if (_status >= ActorStatus.Stopping)
            {
                throw new InvalidOperationException($"{Path} is stopping and cannot spawn '{name}'.");
            }

            _children ??= new Dictionary<string, ActorCell>(StringComparer.Ordinal);
            if (!_children.TryAdd(name, child))
            {
                throw new InvalidOperationException($"{Path} already has a child named '{name}'.");
            }
        }

        child.SendSystem(SystemMessage.Create);
        return child;
    }

    public ActorRef[] GetChildren() => SnapshotChildren();

    public ActorRef? GetChild(string name)
    {
        lock (_sync)
        {
            return _children is not null && _children.TryGetValue(name, out var child) ? child : null;
        }
    }

    public void CollectPaths(List<ActorPath> paths)
    {
        var children = SnapshotChildren();
        Array.Sort(children, static (a, b) => string.CompareOrdinal(a.Path.Name, b.Path.Name));
        foreach (var child in children)
        {
            paths.Add(child.Path);
            child.CollectPaths(paths);
        }
    }

    public void Watch(ActorRef actor)
    {
        var target = AsCell(actor);
        if (target == this)
        {
            return;
        }

        if (target.Parent == this)
        {
            target._parentWatches = true;
        }
        else if (!target.AddWatcher(this))
        {
            SendSystem(new SystemMessage(SystemMessageKind.Terminated, target));
        }
    }

    public void Unwatch(ActorRef actor)
    {
        var target = AsCell(actor);
        if (target.Parent == this)
        {
            target._parentWatches = false;
        }
        else
        {
            lock (target._sync)
            {
                target._watchers?.Remove(this);
            }
        }
    }

    private static ActorCell AsCell(ActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor as ActorCell ?? throw new ArgumentException($"{actor.Path} is not an actor and cannot be watched.", nameof(actor));
    }

    private bool AddWatcher(ActorCell watcher)
    {
        lock (_sync)
        {
            if (_status == ActorStatus.Stopped)
            {
                return false;
            }

            (_watchers ??= []).Add(watcher);
            return true;
        }
    }

    private void RemoveChild(ActorCell child)
    {
        lock (_sync)
        {
            if (_children is not null && _children.TryGetValue(child.Path.Name, out var current) && current == child)
            {
                _children.Remove(child.Path.Name);
            }
        }
    }

    private ActorCell[] SnapshotChildren()
    {
        lock (_sync)
        {
            return _children is { Count: > 0 } ? [.. _children.Values] : [];
        }
    }
}
