namespace RelayCluster.Core.Actors;

/// <summary>The location of an actor in its system's hierarchy, such as <c>/user/router-game/session-127.0.0.1:5000</c>.</summary>
/// <param name="Parent">The parent's path, or <see langword="null"/> for a root.</param>
/// <param name="Name">The actor's name, unique among its siblings.</param>
public sealed record ActorPath(ActorPath? Parent, string Name)
{
    /// <summary>The path of the guardian that owns every top-level actor.</summary>
    public static ActorPath User { get; } = new(null, "user");

    /// <summary>The root under which the temporary reply targets of asks live.</summary>
    public static ActorPath Temp { get; } = new(null, "temp");

    /// <summary>Creates the path of a child named <paramref name="name"/>.</summary>
    public ActorPath Child(string name) => new(this, name);

    /// <summary>Returns the path in its slash-separated form.</summary>
    public override string ToString() => Parent is null ? "/" + Name : Parent + "/" + Name;
}
