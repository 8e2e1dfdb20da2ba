namespace RelayCluster.Hocon;

/// <summary>A string, number, boolean or null; <see cref="Text"/> keeps the value as written.</summary>
public sealed class HoconScalar : HoconValue
{
    /// <summary>Creates a scalar of <paramref name="kind"/> whose text is <paramref name="text"/>.</summary>
    public HoconScalar(HoconKind kind, string text, HoconPosition position)
        : base(position)
    {
        if (kind is HoconKind.Object or HoconKind.Array)
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "A scalar is a string, number, boolean or null.");
        }

        Kind = kind;
        Text = text;
    }

    /// <inheritdoc />
    public override HoconKind Kind { get; }

    /// <summary>The value as text: the string itself, the number as written, <c>true</c>/<c>false</c>, or <c>null</c>.</summary>
    public string Text { get; }

    /// <inheritdoc />
    public override string ToString() => Text;
}
