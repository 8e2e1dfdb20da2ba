namespace RelayCluster.Node.Actors;

/// <summary>Asks one of the node's actors for the paths of itself and the actors under it; the reply is an <see cref="ActorTree"/>.</summary>
internal sealed record GetActorTree
{
    /// <summary>The one instance.</summary>
    public static readonly GetActorTree Instance = new();
}

/// <summary>The reply to <see cref="GetActorTree"/>: the actor's path first, then those of the actors under it.</summary>
internal sealed record ActorTree(IReadOnlyList<string> Paths);
