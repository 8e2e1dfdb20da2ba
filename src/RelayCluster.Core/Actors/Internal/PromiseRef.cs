namespace RelayCluster.Core.Actors.Internal;

/// <summary>The one-shot reply target of an ask.</summary>
internal sealed class PromiseRef : ActorRef
{
    private static long s_next;
    private readonly TaskCompletionSource<object> _reply = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PromiseRef()
        : base(ActorPath.Temp.Child("ask-" + Interlocked.Increment(ref s_next)))
    {
    }

    public Task<object> Reply => _reply.Task;

    public override bool IsStopped => _reply.Task.IsCompleted;

    public override Task Terminated => _reply.Task;

    private protected override TimeProvider TimeProvider => TimeProvider.System;

    public override bool Tell(object message, ActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _reply.TrySetResult(message);
    }
}
