using System.Runtime.CompilerServices;

namespace RelayCluster.Hocon.Internal;

/// <summary>Merges a newer value over an older one as duplicate keys do: objects merge, anything else replaces.</summary>
internal static class Merger
{
    /// <summary>Merges while parsing: when both are objects the older one is changed in place (it is not shared yet).</summary>
    public static Node Merge(Node? older, Node newer) => Merge(older, newer, inPlace: true);

    /// <summary>Merges during resolution without changing either side; nested objects merge lazily.</summary>
    public static ObjectNode MergeObjects(ObjectNode older, ObjectNode newer)
    {
        var merged = new ObjectNode(newer.Position);
        foreach (var key in older.Keys)
        {
            var field = older[key];
            merged.Put(key, field.Value, field.KeyPosition);
        }

        foreach (var key in newer.Keys)
        {
            var field = newer[key];
            merged.Put(key, Merge(merged.Get(key), field.Value, inPlace: false), field.KeyPosition);
        }

        return merged;
    }

    /// <summary>Sets <paramref name="path"/> under <paramref name="target"/>, creating or merging the objects along the way.</summary>
    public static void SetPath(ObjectNode target, IReadOnlyList<string> path, Node value, HoconPosition keyPosition)
    {
        var current = target;
        for (var i = 0; i < path.Count - 1; i++)
        {
            var existing = current.Get(path[i]);
            var next = existing as ObjectNode ?? (existing as MergeNode)?.Layers[^1] as ObjectNode;
            if (next is null)
            {
                next = new ObjectNode(keyPosition);
                current.Put(path[i], Merge(existing, next), keyPosition);
            }
            else
            {
                current.Put(path[i], existing!, keyPosition);
            }

            current = next;
        }

        current.Put(path[^1], Merge(current.Get(path[^1]), value), keyPosition);
    }

    /// <summary>The value written so far at <paramref name="path"/> under <paramref name="target"/>, looking only through plain objects.</summary>
    public static Node? Find(ObjectNode target, IReadOnlyList<string> path)
    {
        Node? current = target;
        foreach (var key in path)
        {
            current = (current as ObjectNode)?.Get(key);
        }

        return current;
    }

    private static Node Merge(Node? older, Node newer, bool inPlace)
    {
        if (older is null)
        {
            return newer;
        }

        switch (newer)
        {
            case ObjectNode newObject when older is ObjectNode oldObject:
                if (!inPlace)
                {
                    return new MergeNode([oldObject, newObject]);
                }

                if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
                {
                    throw new HoconException(newer.Position, "objects are nested too deeply to merge");
                }

                foreach (var key in newObject.Keys)
                {
                    var field = newObject[key];
                    oldObject.Put(key, Merge(oldObject.Get(key), field.Value, inPlace), field.KeyPosition);
                }

                oldObject.Position = newObject.Position;
                return oldObject;
            case ObjectNode when older is ScalarNode or ArrayNode:
            case ScalarNode or ArrayNode:
                return newer;
            case ObjectNode newObject when inPlace && older is MergeNode { Layers: [.., ObjectNode top] } stack:
                // Two objects next to each other in a merge stack merge right away, which keeps the stack short.
                Merge(top, newObject, inPlace);
                stack.Position = top.Position;
                return stack;
            case not MergeNode when inPlace && older is MergeNode stack:
                // Appending in place keeps many assignments to one key linear; the stack belongs to the tree being built.
                stack.Layers.Add(newer);
                stack.Position = newer.Position;
                return stack;
            default:
                return Stack(older, newer);
        }
    }

    private static MergeNode Stack(Node older, Node newer)
    {
        var layers = new List<Node>();
        AddLayers(layers, older);
        AddLayers(layers, newer);
        return new MergeNode(layers);
    }

    private static void AddLayers(List<Node> layers, Node node)
    {
        if (node is MergeNode merge)
        {
            layers.AddRange(merge.Layers);
        }
        else
        {
            layers.Add(node);
        }
    }
}
