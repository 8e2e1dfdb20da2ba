using Akka.Actor;
using RelayCluster.Node.Actors;

namespace RelayCluster.Node.Hosting;

public sealed partial class RelayNode
{
    private static readonly TimeSpan s_treeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The node's actor tree as <c>/user/...</c> paths in order: each top-level actor (routers, health actors and the
    /// rest) answers with itself and the actors under it; one that does not answer within 5 s is listed alone.
    /// </summary>
    public async Task<IReadOnlyList<string>> ListActorsAsync(CancellationToken cancellationToken = default)
    {
        var rules = _rules;
        var topLevel = rules.Select(rule => rule.Router)
            .Concat(rules.Select(rule => rule.Health).OfType<IActorRef>())
            .Append(_abandonedSessions);
        var trees = await Task.WhenAll(topLevel.Select(actor => TreeOfAsync(actor, cancellationToken)));
        return [.. trees.SelectMany(paths => paths).Order(StringComparer.Ordinal)];
    }

    private static async Task<IReadOnlyList<string>> TreeOfAsync(IActorRef actor, CancellationToken cancellationToken)
    {
        try
        {
            return (await actor.Ask<ActorTree>(GetActorTree.Instance, s_treeTimeout, cancellationToken)).Paths;
        }
        catch (AskTimeoutException)
        {
            return [actor.Path.ToStringWithoutAddress()];
        }
    }
}
