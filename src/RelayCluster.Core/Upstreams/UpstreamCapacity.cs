namespace RelayCluster.Core.Upstreams;

/// <summary>What a game server last said of itself: how many players it has and how many it takes.</summary>
/// <param name="Players">The players on the server, bots not counted where the protocol says them apart.</param>
/// <param name="MaxPlayers">The most players the server takes.</param>
public sealed record UpstreamCapacity(int Players, int MaxPlayers)
{
    /// <summary>The places left, never below zero.</summary>
    public int FreeSlots => Math.Max(0, MaxPlayers - Players);

    /// <summary>The capacity as <c>players/max</c>.</summary>
    public override string ToString() => $"{Players}/{MaxPlayers}";
}
