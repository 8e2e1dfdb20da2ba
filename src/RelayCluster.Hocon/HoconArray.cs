namespace RelayCluster.Hocon;

/// <summary>A resolved HOCON array.</summary>
public sealed class HoconArray : HoconValue
{
    /// <summary>Creates an array of <paramref name="items"/>.</summary>
    public HoconArray(IReadOnlyList<HoconValue> items, HoconPosition position)
        : base(position) => Items = items;

    /// <inheritdoc />
    public override HoconKind Kind => HoconKind.Array;

    /// <summary>The elements, in order.</summary>
    public IReadOnlyList<HoconValue> Items { get; }
}
