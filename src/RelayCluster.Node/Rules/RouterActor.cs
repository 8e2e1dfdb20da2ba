using Akka.Actor;
using Microsoft.Extensions.Logging;
using RelayCluster.Node.Actors;
using RelayCluster.Core.Configuration;
using RelayCluster.Core.Health;
using RelayCluster.Core.Upstreams;
using RelayCluster.Node.Health;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Rules;

/// <summary>
/// The router of one rule: supervises a session actor per UDP peer or TCP connection, expires idle sessions, and stops
/// or closes sessions on drain. Upstream picks run where the session starts, through the rule's <see cref="RelayRule"/>,
/// once per new session.
/// </summary>
internal sealed class RouterActor : ReceiveActor, IWithTimers
{
    private readonly RelayRule _rule;
    private readonly Func<IRuleListener> _listener;
    private readonly ILogger _logger;
    private readonly Dictionary<IActorRef, IRelaySession> _sessions = [];
    private readonly List<IActorRef> _closeWaiters = [];
    private IActorRef? _health;
    private long _nextSessionId;

    public RouterActor(RelayRule rule, Func<IRuleListener> listener, IActorRef? health, ILogger logger)
    {
        _rule = rule;
        _health = health;
        _listener = listener;
        _logger = logger;
        Receive<SessionStarted>(started => StartSessionActor(started.Session));
        Receive<SweepIdleSessions>(_ => SweepIdle());
        Receive<Terminated>(terminated => OnSessionActorStopped(terminated.ActorRef));
        Receive<UpstreamConnectFailed>(failed =>
        {
            Log.ConnectFailed(_logger, _rule.Name, failed.Upstream.Address, failed.Detail);
            _health?.Tell(new PassiveFailure(failed.Upstream, failed.Reason, failed.Detail));
        });
        Receive<SetUpstreamAdminState>(change => Sender.Tell(SetAdminState(change.Address, change.State)));
        Receive<StopAccepting>(_ =>
        {
            _listener().StopAccepting();
            Sender.Tell(true);
        });
        Receive<CloseAllSessions>(close => CloseAll(close.Reason));
        Receive<RuleUpdated>(updated =>
        {
            _health = updated.Health;
            CloseSessionsOf(updated.Removed);
            Sender.Tell(true);
        });
        Receive<GetActorTree>(_ => Sender.Tell(new ActorTree([Self.Path.ToStringWithoutAddress(), .. Context.GetChildren().Select(child => child.Path.ToStringWithoutAddress())])));
    }

    /// <summary>The router's timers: the idle sweep.</summary>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The props of the router of <paramref name="rule"/>.</summary>
    public static Props Props(RelayRule rule, Func<IRuleListener> listener, IActorRef? health, ILogger logger) =>
        Akka.Actor.Props.Create(() => new RouterActor(rule, listener, health, logger));

    /// <summary>
    /// How often sessions are looked over: a quarter of the shortest of the idle timeout and the passive reply timeout,
    /// between 50 ms and 1 s.
    /// </summary>
    public static TimeSpan SweepInterval(RuleConfig rule)
    {
        var shortest = rule.Health.Passive.WatchesUdpReplies && rule.Health.Passive.UdpReplyTimeout < rule.Session.IdleTimeout
            ? rule.Health.Passive.UdpReplyTimeout
            : rule.Session.IdleTimeout;
        return TimeSpan.FromTicks(Math.Clamp(shortest.Ticks / 4, TimeSpan.FromMilliseconds(50).Ticks, TimeSpan.FromSeconds(1).Ticks));
    }

    // A failed session is stopped, never restarted: its client simply opens a new one.
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);

    protected override void PreStart() =>
        Timers.StartPeriodicTimer(SweepIdleSessions.Instance, SweepIdleSessions.Instance, SweepInterval(_rule.Config));

    private void StartSessionActor(IActorOwnedSession session)
    {
        var actor = Context.ActorOf(SessionActor.Props, $"session-{++_nextSessionId}");
        actor.Tell(new OwnSession(session));
        Context.Watch(actor);
        _sessions[actor] = session;
        Log.SessionStarted(_logger, _rule.Name, session.Client, session.Upstream?.Address ?? "-");
    }

    private void SweepIdle()
    {
        _rule.Counters.LogPendingDrops();
        var idleMs = (long)_rule.Config.Session.IdleTimeout.TotalMilliseconds;
        var passive = _rule.Config.Health.Passive;
        var now = Environment.TickCount64;
        foreach (var (actor, session) in _sessions)
        {
            if (session.IsClosed)
            {
                // Ended outside its actor (a rebind); the actor only has to go.
                Context.Stop(actor);
            }
            else if (now - session.LastActivity >= idleMs)
            {
                actor.Tell(new CloseSession(SessionCloseReason.IdleTimeout));
            }
            else if (passive.WatchesUdpReplies && session is UdpSession { PassiveFailureReported: false } udp
                && udp.Traffic.PacketsToClient == 0 && DateTimeOffset.UtcNow - udp.StartedAt >= passive.UdpReplyTimeout)
            {
                udp.PassiveFailureReported = true;
                _health?.Tell(new PassiveFailure(udp.Upstream, HealthFailureReason.Timeout));
            }
        }
    }

    private bool SetAdminState(string address, UpstreamAdminState state)
    {
        var upstream = _rule.Upstreams.FirstOrDefault(u => string.Equals(u.Address, address, StringComparison.OrdinalIgnoreCase));
        if (upstream is null)
        {
            return false;
        }

        upstream.AdminState = state;
        Log.AdminStateChanged(_logger, _rule.Name, upstream.Address, state);
        if (state == UpstreamAdminState.Disabled)
        {
            foreach (var (actor, session) in _sessions)
            {
                if (ReferenceEquals(session.Upstream, upstream))
                {
                    actor.Tell(new CloseSession(SessionCloseReason.UpstreamDisabled));
                }
            }
        }

        return true;
    }

    private void CloseSessionsOf(IReadOnlyCollection<UpstreamState> removed)
    {
        foreach (var (actor, session) in _sessions)
        {
            if (session.Upstream is { } upstream && removed.Contains(upstream))
            {
                actor.Tell(new CloseSession(SessionCloseReason.RuleChanged));
            }
        }
    }

    private void OnSessionActorStopped(IActorRef actor)
    {
        if (!_sessions.Remove(actor, out var session))
        {
            return;
        }

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
            Sender.Tell(new SessionsClosed(0));
            return;
        }

        if (!Sender.IsNobody() && !Sender.Equals(Context.System.DeadLetters))
        {
            _closeWaiters.Add(Sender);
        }

        foreach (var actor in _sessions.Keys)
        {
            actor.Tell(new CloseSession(reason));
        }
    }
}
