using RelayCluster.Core.Actors;
using RelayCluster.Testing;

namespace RelayCluster.Core.Tests.Actors;

public sealed class HierarchyTests : IAsyncDisposable
{
    private readonly ActorSystem _system = new("test");

    public ValueTask DisposeAsync() => _system.DisposeAsync();

    [Fact]
    public async Task ListActors_RouterWithSessions_ListsDepthFirstInNameOrder()
    {
        var router = SpawnRouter("router-game");
        _system.Spawn(() => new TestActor((_, _) => { }), "listener-game");

        await router.Ask<ActorRef>(new SpawnSession("session-127.0.0.1:5001"), Timeouts.Expect);
        await router.Ask<ActorRef>(new SpawnSession("session-127.0.0.1:5000"), Timeouts.Expect);

        Assert.Equal(
            ["/user/listener-game", "/user/router-game", "/user/router-game/session-127.0.0.1:5000", "/user/router-game/session-127.0.0.1:5001"],
            _system.ListActors().Select(path => path.ToString()));
    }

    [Fact]
    public async Task Spawn_DuplicateName_Throws()
    {
        _system.Spawn(() => new TestActor((_, _) => { }), "twin");

        var error = Assert.Throws<InvalidOperationException>(() => _system.Spawn(() => new TestActor((_, _) => { }), "twin"));

        Assert.Contains("twin", error.Message, StringComparison.Ordinal);
        await Task.CompletedTask;
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    public void Spawn_InvalidName_Throws(string name)
    {
        Assert.ThrowsAny<ArgumentException>(() => _system.Spawn(() => new TestActor((_, _) => { }), name));
    }

    [Fact]
    public async Task Stop_Child_ParentReceivesTerminatedAndNameIsFree()
    {
        var probe = ActorProbe.Create(_system);
        var router = SpawnRouter("router", probe.Ref);
        var session = await router.Ask<ActorRef>(new SpawnSession("session-1"), Timeouts.Expect);

        router.Tell(new StopSession(session));

        var terminated = await probe.ExpectMsgAsync<Terminated>(Timeouts.Expect);
        Assert.Same(session, terminated.Actor);
        Assert.True(session.IsStopped);
        Assert.Equal(["/user/probe", "/user/router"], _system.ListActors().Select(path => path.ToString()));
        var again = await router.Ask<ActorRef>(new SpawnSession("session-1"), Timeouts.Expect);
        Assert.NotSame(session, again);
    }

    [Fact]
    public async Task ContextStop_NotSelfOrChild_Throws()
    {
        var stranger = _system.Spawn(() => new TestActor((_, _) => { }), "stranger");
        var actor = _system.Spawn(() => new TestActor((context, message) =>
        {
            try
            {
                context.Stop(stranger);
            }
            catch (ArgumentException ex)
            {
                context.Reply(ex.Message);
            }
        }), "actor");

        var reply = await actor.Ask<string>("stop it", Timeouts.Expect);

        Assert.Contains("/user/stranger", reply, StringComparison.Ordinal);
        Assert.False(stranger.IsStopped);
    }

    [Fact]
    public async Task ContextChildren_AfterSpawn_ListsChildren()
    {
        var router = SpawnRouter("router");
        var session = await router.Ask<ActorRef>(new SpawnSession("session-1"), Timeouts.Expect);

        var children = await router.Ask<IReadOnlyList<ActorRef>>("children", Timeouts.Expect);

        Assert.Equal([session], children);
        Assert.Equal("/user/router", (await session.Ask<ActorRef>("parent", Timeouts.Expect)).Path.ToString());
    }

    private ActorRef SpawnRouter(string name, ActorRef? terminatedTo = null) =>
        _system.Spawn(() => new TestActor((context, message) =>
        {
            switch (message)
            {
                case SpawnSession spawn:
                    context.Reply(context.Spawn(() => new TestActor((session, query) => session.Reply(session.Parent)), spawn.Name));
                    break;
                case StopSession stop:
                    context.Stop(stop.Session);
                    break;
                case "children":
                    context.Reply(context.Children);
                    break;
                case Terminated terminated:
                    terminatedTo?.Tell(terminated);
                    break;
            }
        }), name);

    private sealed record SpawnSession(string Name);

    private sealed record StopSession(ActorRef Session);
}
