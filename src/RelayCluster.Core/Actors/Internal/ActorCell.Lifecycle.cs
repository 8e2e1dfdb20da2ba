namespace RelayCluster.Core.Actors.Internal;

/// <summary>Starting, restarting and stopping an actor.</summary>
internal sealed partial class ActorCell
{
    public static ActorCell CreateGuardian(ActorSystem system)
    {
        // Started in place rather than through its mailbox, so it can take escalations from the first moment.
        var guardian = new ActorCell(system, parent: null, ActorPath.User, Props.Create(static () => new GuardianActor()));
        guardian.CreateInstance();
        guardian._status = ActorStatus.Running;
        return guardian;
    }

    private async ValueTask StartAsync()
    {
        if (_status != ActorStatus.Starting)
        {
            return;
        }

        try
        {
            CreateInstance();
            await _actor!.InvokePreStartAsync();
        }
        catch (Exception ex)
        {
            await HandleFailureAsync(ex, escalatedBy: null);
            return;
        }

        _status = ActorStatus.Running;
        System.Emit(ActorEventKind.Started, Path);
    }

    private async ValueTask RestartAsync(Exception reason)
    {
        _status = ActorStatus.Suspended;
        CancelTimers();
        await StopChildrenAsync();
        if (_actor is not null)
        {
            try
            {
                await _actor.InvokePreRestartAsync(reason);
            }
            catch (Exception ex)
            {
                System.Emit(ActorEventKind.Failed, Path, exception: ex);
            }
        }

        try
        {
            CreateInstance();
            await _actor!.InvokePostRestartAsync(reason);
        }
        catch (Exception ex)
        {
            await HandleFailureAsync(ex, escalatedBy: null);
            return;
        }

        _status = ActorStatus.Running;
        System.Emit(ActorEventKind.Restarted, Path, exception: reason);
    }

    private void CreateInstance()
    {
        _actor = null;
        _actor = Actor.Create(_props, _context);
        _childStrategy = _actor.GetSupervisorStrategy() ?? System.Options.SupervisorStrategy;
    }

    private async ValueTask StopAsync()
    {
        lock (_sync)
        {
            if (_status >= ActorStatus.Stopping)
            {
                return;
            }

            _status = ActorStatus.Stopping;
        }

        _mailbox.Writer.TryComplete();
        CancelTimers();
        await StopChildrenAsync();
        if (_actor is not null)
        {
            try
            {
                await _actor.InvokePostStopAsync();
            }
            catch (Exception ex)
            {
                System.Emit(ActorEventKind.Failed, Path, exception: ex);
            }

            _actor = null;
        }

        while (_mailbox.Reader.TryRead(out var envelope))
        {
            System.OnUndelivered(Path, envelope.Message, mailboxFull: false);
        }

        CompleteStop();
    }

    private void CompleteStop()
    {
        ActorCell[]? watchers;
        lock (_sync)
        {
            _status = ActorStatus.Stopped;
            watchers = _watchers?.ToArray();
            _watchers = null;
            _systemMessages = null;
            _systemMessageCount = 0;
        }

        if (Parent is not null)
        {
            Parent.RemoveChild(this);
            if (_parentWatches)
            {
                Parent.SendSystem(new SystemMessage(SystemMessageKind.Terminated, this));
            }
        }

        foreach (var watcher in watchers ?? [])
        {
            watcher.SendSystem(new SystemMessage(SystemMessageKind.Terminated, this));
        }

        System.Emit(ActorEventKind.Stopped, Path);

        // Pairs with the Terminated getter, which publishes its source and then reads the status.
        Interlocked.MemoryBarrier();
        Volatile.Read(ref _terminated)?.TrySetResult();
    }

    private async Task StopChildrenAsync()
    {
        var children = SnapshotChildren();
        if (children.Length == 0)
        {
            return;
        }

        var terminated = new Task[children.Length];
        for (var i = 0; i < children.Length; i++)
        {
            // A parent that stops or restarts is not told about the children it stops itself.
            children[i]._parentWatches = false;
            children[i].SendSystem(SystemMessage.Stop);
            terminated[i] = children[i].Terminated;
        }

        await Task.WhenAll(terminated);
    }
}
