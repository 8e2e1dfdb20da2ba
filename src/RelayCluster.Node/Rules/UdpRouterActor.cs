using Microsoft.Extensions.Logging;
using RelayCluster.Core.Actors;
using RelayCluster.Node.Listeners;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Rules;

/// <summary>
/// The router of one UDP rule: supervises a session actor per client, expires idle sessions, and stops or closes
/// sessions on drain. Upstream picks run on the listener through the rule's <see cref="RuleRuntime"/>, once per new session.
/// </summary>
internal sealed class UdpRouterActor : Actor
{
    private readonly RuleRuntime _rule;
    private readonly Func<UdpListener> _listener;
    private readonly ILogger _logger;
    private readonly Dictionary<UdpSession, ActorRef> _sessions = [];
    private readonly Dictionary<ActorRef, UdpSession> _actors = [];
    private readonly List<ActorRef> _closeWaiters = [];
    private long _nextSessionId;

    public UdpRouterActor(RuleRuntime rule, Func<UdpListener> listener, ILogger logger)
    {
        _rule = rule;
        _listener = listener;
        _logger = logger;
    }

    // A failed session is stopped, never restarted: its peer simply opens a new one with its next datagram.
    protected override SupervisorStrategy SupervisorStrategy => SupervisorStrategy.Stopping;

    /// <summary>How often idle sessions are looked for: a quarter of the idle timeout, between 50 ms and 1 s.</summary>
    public static TimeSpan SweepInterval(TimeSpan idleTimeout) =>
        TimeSpan.FromTicks(Math.Clamp(idleTimeout.Ticks / 4, TimeSpan.FromMilliseconds(50).Ticks, TimeSpan.FromSeconds(1).Ticks));

    protected override ValueTask PreStartAsync()
    {
        var interval = SweepInterval(_rule.Config.Session.IdleTimeout);
        Context.ScheduleRepeatedly(interval, interval, SweepIdleSessions.Instance);
        return ValueTask.CompletedTask;
    }

    protected override ValueTask ReceiveAsync(object message)
    {
        switch (message)
        {
            case UdpSessionStarted started:
                StartSessionActor(started.Session);
                break;
            case SweepIdleSessions:
                SweepIdle();
                break;
            case Terminated terminated:
                OnSessionActorStopped(terminated.Actor);
                break;
            case StopAccepting:
                _listener().StopAccepting();
                Context.Reply(true);
                break;
            case CloseAllSessions close:
                CloseAll(close.Reason);
                break;
        }

        return ValueTask.CompletedTask;
    }

    private void StartSessionActor(UdpSession session)
    {
        if (session.IsClosed)
        {
            return;
        }

        var name = $"session-{++_nextSessionId}";
        var actor = Context.Spawn(() => new UdpSessionActor(session), name);
        Context.Watch(actor);
        _sessions[session] = actor;
        _actors[actor] = session;
        Log.SessionStarted(_logger, _rule.Name, session.Client, session.Upstream.Address);
    }

    private void SweepIdle()
    {
        var idleMs = (long)_rule.Config.Session.IdleTimeout.TotalMilliseconds;
        var now = Environment.TickCount64;
        foreach (var (session, actor) in _sessions)
        {
            if (now - session.LastActivity >= idleMs)
            {
                actor.Tell(new CloseSession(SessionCloseReason.IdleTimeout));
            }
        }
    }

    private void OnSessionActorStopped(ActorRef actor)
    {
        if (!_actors.Remove(actor, out var session))
        {
            return;
        }

        _sessions.Remove(session);
        // An actor that stopped without closing (a failure before PostStop ran) must not leak its socket.
        session.Close(SessionCloseReason.Failed);
        Log.SessionEnded(_logger, _rule.Name, session.Client, session.CloseReason ?? SessionCloseReason.Failed);
        if (_sessions.Count == 0 && _closeWaiters.Count > 0)
        {
            foreach (var waiter in _closeWaiters)
            {
                waiter.Tell(new SessionsClosed(0));
            }

            _closeWaiters.Clear();
        }
    }

    private void CloseAll(SessionCloseReason reason)
    {
        if (_sessions.Count == 0)
        {
            Context.Reply(new SessionsClosed(0));
            return;
        }

        if (Sender is { } sender)
        {
            _closeWaiters.Add(sender);
        }

        foreach (var actor in _sessions.Values)
        {
            actor.Tell(new CloseSession(reason));
        }
    }
}
