using System.Threading.Channels;

namespace RelayCluster.Core.Actors.Internal;

/// <summary>The machinery behind an actor reference: mailbox, processing loop, lifecycle and children.</summary>
/// <remarks>
/// An idle actor holds no thread and no task: a send queues the message and, if no run is pending,
/// queues one run on the thread pool, which handles up to <see cref="Throughput"/> messages and ends.
/// </remarks>
internal sealed partial class ActorCell : ActorRef, IThreadPoolWorkItem
{
    private const int Throughput = 64;

    private readonly Props _props;
    private readonly Channel<Envelope> _mailbox;
    private readonly Lock _sync = new();
    private readonly ActorContext _context;
    private Actor? _actor;
    private Queue<SystemMessage>? _systemMessages;
    private volatile int _systemMessageCount;
    private volatile ActorStatus _status;
    private int _scheduled;
    private TaskCompletionSource? _terminated;

    public ActorCell(ActorSystem system, ActorCell? parent, ActorPath path, Props props)
        : base(path)
    {
        System = system;
        Parent = parent;
        _props = props;
        var capacity = props.MailboxCapacity > 0 ? props.MailboxCapacity : system.Options.DefaultMailboxCapacity;
        _mailbox = Channel.CreateBounded<Envelope>(new BoundedChannelOptions(capacity) { SingleReader = true });
        _context = new ActorContext(this);
        _childStrategy = system.Options.SupervisorStrategy;
    }

    public ActorSystem System { get; }

    public ActorCell? Parent { get; }

    public ActorRef? CurrentSender { get; private set; }

    public override bool IsStopped => _status == ActorStatus.Stopped;

    public override Task Terminated
    {
        get
        {
            if (_status == ActorStatus.Stopped)
            {
                return Task.CompletedTask;
            }

            var terminated = Volatile.Read(ref _terminated);
            if (terminated is null)
            {
                var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                terminated = Interlocked.CompareExchange(ref _terminated, created, null) ?? created;
            }

            // Checked again after publishing, since the stop may have read the field just before.
            if (_status == ActorStatus.Stopped)
            {
                terminated.TrySetResult();
            }

            return terminated.Task;
        }
    }

    private protected override TimeProvider TimeProvider => System.TimeProvider;

    public void StopSelfOrChild(ActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor != this && (actor is not ActorCell cell || cell.Parent != this))
        {
            throw new ArgumentException($"{Path} can stop only itself or its children, not {actor.Path}.", nameof(actor));
        }

        ((ActorCell)actor).SendSystem(SystemMessage.Stop);
    }

    public override bool Tell(object message, ActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_mailbox.Writer.TryWrite(new Envelope(message, sender)))
        {
            ScheduleRun();
            return true;
        }

        System.OnUndelivered(Path, message, mailboxFull: _status < ActorStatus.Stopping);
        return false;
    }

    public void SendSystem(SystemMessage message)
    {
        lock (_sync)
        {
            if (_status == ActorStatus.Stopped)
            {
                return;
            }

            (_systemMessages ??= new Queue<SystemMessage>(2)).Enqueue(message);
            _systemMessageCount = _systemMessages.Count;
        }

        ScheduleRun();
    }

    void IThreadPoolWorkItem.Execute() => _ = RunAsync();

    private void ScheduleRun()
    {
        if (Interlocked.Exchange(ref _scheduled, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    private async Task RunAsync()
    {
        try
        {
            for (var budget = Throughput; budget > 0; budget--)
            {
                if (TryDequeueSystem(out var system))
                {
                    await HandleSystemAsync(system);
                }
                else if (_status == ActorStatus.Running && _mailbox.Reader.TryRead(out var envelope))
                {
                    await HandleAsync(envelope);
                }
                else
                {
                    break;
                }
            }
        }
        catch (Exception ex)
        {
            System.Emit(ActorEventKind.Failed, Path, exception: ex);
        }

        // The exchange is a full fence, so a message queued before it is seen by the check below.
        Interlocked.Exchange(ref _scheduled, 0);
        if (_systemMessageCount > 0 || (_status == ActorStatus.Running && _mailbox.Reader.Count > 0))
        {
            ScheduleRun();
        }
    }

    private bool TryDequeueSystem(out SystemMessage message)
    {
        if (_systemMessageCount > 0)
        {
            lock (_sync)
            {
                if (_systemMessages is { Count: > 0 } queue)
                {
                    message = queue.Dequeue();
                    _systemMessageCount = queue.Count;
                    if (queue.Count == 0)
                    {
                        _systemMessages = null;
                    }

                    return true;
                }
            }
        }

        message = null!;
        return false;
    }

    private async ValueTask HandleSystemAsync(SystemMessage message)
    {
        switch (message.Kind)
        {
            case SystemMessageKind.Create:
                await StartAsync();
                break;
            case SystemMessageKind.Stop:
                await StopAsync();
                break;
            case SystemMessageKind.Resume when _status == ActorStatus.Suspended:
                _status = ActorStatus.Running;
                break;
            case SystemMessageKind.Escalate when _status == ActorStatus.Running:
                await HandleFailureAsync(message.Reason!, escalatedBy: message.Actor);
                break;
            case SystemMessageKind.Terminated when _status == ActorStatus.Running:
                await InvokeAsync(new Terminated(message.Actor!), sender: null);
                break;
        }
    }

    private async ValueTask HandleAsync(Envelope envelope)
    {
        if (envelope.Message is PoisonPill)
        {
            await StopAsync();
        }
        else
        {
            await InvokeAsync(envelope.Message, envelope.Sender);
        }
    }

    private async ValueTask InvokeAsync(object message, ActorRef? sender)
    {
        Exception? failure = null;
        CurrentSender = sender;
        try
        {
            await _actor!.InvokeReceiveAsync(message);
        }
        catch (Exception ex)
        {
            failure = ex;
        }

        CurrentSender = null;
        if (failure is not null)
        {
            await HandleFailureAsync(failure, escalatedBy: null);
        }
    }
}
