namespace RelayCluster.Core.Actors.Internal;

/// <summary>Failure handling: the parent's strategy decides, bounded by its restart rate.</summary>
internal sealed partial class ActorCell
{
    private volatile SupervisorStrategy _childStrategy;
    private int _restartCount;
    private long _restartWindowStart;

    private async ValueTask HandleFailureAsync(Exception reason, ActorCell? escalatedBy)
    {
        System.Emit(ActorEventKind.Failed, Path, exception: reason);
        if (Parent is null)
        {
            // The root guardian has no one to escalate to, so the top-level actor that escalated stops.
            escalatedBy?.SendSystem(SystemMessage.Stop);
            return;
        }

        var strategy = Parent._childStrategy;
        var directive = Decide(strategy, reason);
        if (directive == SupervisorDirective.Resume && _actor is null)
        {
            directive = SupervisorDirective.Stop;
        }
        else if (directive == SupervisorDirective.Restart && !CountRestart(strategy))
        {
            directive = SupervisorDirective.Stop;
        }

        switch (directive)
        {
            case SupervisorDirective.Resume:
                _status = ActorStatus.Running;
                if (escalatedBy is not null)
                {
                    foreach (var child in SnapshotChildren())
                    {
                        child.SendSystem(SystemMessage.Resume);
                    }
                }

                break;
            case SupervisorDirective.Restart:
                await RestartAsync(reason);
                break;
            case SupervisorDirective.Stop:
                await StopAsync();
                break;
            default:
                _status = ActorStatus.Suspended;
                Parent.SendSystem(new SystemMessage(SystemMessageKind.Escalate, this, reason));
                break;
        }
    }

    private SupervisorDirective Decide(SupervisorStrategy strategy, Exception reason)
    {
        try
        {
            return strategy.Decider(reason);
        }
        catch (Exception ex)
        {
            System.Emit(ActorEventKind.Failed, Path, exception: ex);
            return SupervisorDirective.Stop;
        }
    }

    private bool CountRestart(SupervisorStrategy strategy)
    {
        var now = System.TimeProvider.GetTimestamp();
        if (_restartCount == 0 || System.TimeProvider.GetElapsedTime(_restartWindowStart, now) > strategy.Window)
        {
            _restartWindowStart = now;
            _restartCount = 0;
        }

        _restartCount++;
        return _restartCount <= strategy.MaxRestarts;
    }
}
