namespace RelayCluster.Hocon;

/// <summary>A HOCON error at a known position; the only exception the parser lets escape.</summary>
public sealed class HoconException : Exception
{
    /// <summary>Creates an error at <paramref name="position"/> that says what was expected.</summary>
    public HoconException(HoconPosition position, string reason)
        : base($"{position}: {reason}")
    {
        Position = position;
        Reason = reason;
    }

    /// <summary>Where the error is.</summary>
    public HoconPosition Position { get; }

    /// <summary>What is wrong and what was expected, without the position.</summary>
    public string Reason { get; }
}
