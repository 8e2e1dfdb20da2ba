namespace RelayCluster.Core.Actors.Internal;

/// <summary>The root of the hierarchy: supervises top-level actors and ignores messages.</summary>
internal sealed class GuardianActor : Actor
{
    protected override ValueTask ReceiveAsync(object message) => ValueTask.CompletedTask;
}
