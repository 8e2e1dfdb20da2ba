using System.Net;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Logging.Abstractions;
using RelayCluster.Core.Configuration;
using RelayCluster.Core.Upstreams;
using RelayCluster.Hocon;
using RelayCluster.Node.Actors;
using RelayCluster.Node.Listeners;
using RelayCluster.Node.Rules;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Tests.Rules;

public class RouterActorTests() : TestKit(SessionMailbox.Hocon)
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task SessionFails_SessionActorStopsNotRestarted_AndFreesItsPlaces()
    {
        var rule = Rule("session { max = 1 }");
        var router = Sys.ActorOf(RouterActor.Props(rule, () => new IdleListener(), null, NullLogger.Instance), "rule-game");
        var session = new ScriptedSession(rule, new IPEndPoint(IPAddress.Loopback, 40000));
        router.Tell(new SessionStarted(session));
        await AwaitConditionAsync(() => Task.FromResult(session.Starts == 1), s_wait);
        Assert.True(rule.Limiter.IsFull);

        await EventFilter.Exception<InvalidOperationException>(contains: "failed").ExpectOneAsync(() =>
        {
            session.Fail(new IOException("the reader broke"));
            return Task.CompletedTask;
        });

        await AwaitConditionAsync(() => Task.FromResult(session.IsClosed), s_wait);
        Assert.Equal((SessionCloseReason.Failed, 1, 1), (session.CloseReason!.Value, session.Starts, session.Closes));
        Assert.Equal(0, rule.Limiter.Count);
        Assert.Equal(0, rule.Counters.SessionsActive);
        await AwaitAssertAsync(async () => Assert.Equal(["/user/rule-game"], (await router.Ask<ActorTree>(GetActorTree.Instance, s_wait)).Paths), s_wait);
    }

    [Fact]
    public async Task CloseAllSessions_EndsEverySession_ThenReplies()
    {
        var rule = Rule("session { max = 10 }");
        var router = Sys.ActorOf(RouterActor.Props(rule, () => new IdleListener(), null, NullLogger.Instance), "rule-game");
        var sessions = Enumerable.Range(0, 3).Select(i => new ScriptedSession(rule, new IPEndPoint(IPAddress.Loopback, 40000 + i))).ToList();
        sessions.ForEach(session => router.Tell(new SessionStarted(session)));
        await AwaitAssertAsync(async () => Assert.Equal(4, (await router.Ask<ActorTree>(GetActorTree.Instance, s_wait)).Paths.Count), s_wait);

        var closed = await router.Ask<SessionsClosed>(new CloseAllSessions(SessionCloseReason.RuleRemoved), s_wait);

        Assert.Equal(0, closed.Count);
        Assert.All(sessions, session => Assert.Equal(SessionCloseReason.RuleRemoved, session.CloseReason));
        Assert.Equal(0, rule.Limiter.Count);
    }

    [Fact]
    public async Task Sweep_SessionIdleLongerThanTheTimeout_EndsWithIdleTimeout()
    {
        var rule = Rule("session { idle-timeout = 200ms }");
        var router = Sys.ActorOf(RouterActor.Props(rule, () => new IdleListener(), null, NullLogger.Instance), "rule-game");
        var session = new ScriptedSession(rule, new IPEndPoint(IPAddress.Loopback, 40000));

        router.Tell(new SessionStarted(session));

        await AwaitConditionAsync(() => Task.FromResult(session.IsClosed), s_wait);
        Assert.Equal(SessionCloseReason.IdleTimeout, session.CloseReason);
    }

    [Fact]
    public async Task OwnSession_SessionActorStoppedBeforeReadingIt_SessionClosedFromDeadLetters()
    {
        var rule = Rule("session { max = 1 }");
        var abandoned = Sys.ActorOf(Akka.Actor.Props.Create<AbandonedSessionActor>(), "abandoned-sessions");
        await abandoned.Ask<ActorTree>(GetActorTree.Instance, s_wait); // started: it listens to dead letters
        var actor = Sys.ActorOf(SessionActor.Props, "session-1");
        Watch(actor);
        Sys.Stop(actor);
        await ExpectTerminatedAsync(actor, s_wait);
        var session = new ScriptedSession(rule, new IPEndPoint(IPAddress.Loopback, 40000));

        actor.Tell(new OwnSession(session));

        await AwaitConditionAsync(() => Task.FromResult(session.IsClosed), s_wait);
        Assert.Equal((SessionCloseReason.Failed, 0), (session.CloseReason!.Value, session.Starts));
        Assert.Equal(0, rule.Limiter.Count);
    }

    private static RelayRule Rule(string settings)
    {
        var text = $$"""relay.rules.game { protocol = udp, listen = "127.0.0.1:0", upstreams = ["127.0.0.1:1"], {{settings}} }""";
        var result = RelayConfigLoader.Bind(HoconParser.Parse(text, "test.hocon"));
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        var upstream = new UpstreamState("127.0.0.1:1", new IPEndPoint(IPAddress.Loopback, 1));
        return new RelayRule(result.Config!.Rules[0], [upstream], new SessionBudget(1_000));
    }

    private sealed class IdleListener : IRuleListener
    {
        public IPEndPoint LocalEndPoint { get; } = new(IPAddress.Loopback, 0);

        public bool IsAccepting { get; private set; } = true;

        public void Start()
        {
        }

        public void StopAccepting() => IsAccepting = false;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
