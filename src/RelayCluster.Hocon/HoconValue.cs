namespace RelayCluster.Hocon;

/// <summary>The kind of a resolved HOCON value.</summary>
public enum HoconKind
{
    /// <summary>An object: keys to values.</summary>
    Object,

    /// <summary>An array of values.</summary>
    Array,

    /// <summary>A string (quoted, unquoted or concatenated).</summary>
    String,

    /// <summary>A number as written (integer or decimal).</summary>
    Number,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary><c>null</c>.</summary>
    Null,
}

/// <summary>A node of a fully resolved HOCON tree; every node knows where it was written.</summary>
public abstract class HoconValue
{
    private protected HoconValue(HoconPosition position) => Position = position;

    /// <summary>Where the value was written (for merged objects: where the last contributing object began).</summary>
    public HoconPosition Position { get; }

    /// <summary>What kind of value this is.</summary>
    public abstract HoconKind Kind { get; }
}
