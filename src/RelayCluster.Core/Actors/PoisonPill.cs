namespace RelayCluster.Core.Actors;

/// <summary>A message that stops its receiver once the messages queued before it are handled.</summary>
public sealed class PoisonPill
{
    private PoisonPill()
    {
    }

    /// <summary>The single instance.</summary>
    public static PoisonPill Instance { get; } = new();
}
