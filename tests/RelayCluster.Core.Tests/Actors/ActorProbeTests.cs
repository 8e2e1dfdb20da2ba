using RelayCluster.Core.Actors;
using RelayCluster.Testing;

namespace RelayCluster.Core.Tests.Actors;

public sealed class ActorProbeTests : IAsyncDisposable
{
    private readonly ActorSystem _system = new("test");

    public ValueTask DisposeAsync() => _system.DisposeAsync();

    [Fact]
    public async Task ExpectMsgAsync_NothingArrives_FailsNamingProbeAndType()
    {
        var probe = ActorProbe.Create(_system);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => probe.ExpectMsgAsync<string>(TimeSpan.FromMilliseconds(20)));

        Assert.Contains("/user/probe", error.Message, StringComparison.Ordinal);
        Assert.Contains("String", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpectMsgAsync_OtherType_FailsNamingBoth()
    {
        var probe = ActorProbe.Create(_system);
        probe.Ref.Tell(42);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => probe.ExpectMsgAsync<string>(Timeouts.Expect));

        Assert.Contains("Int32 '42'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpectNoMsgAsync_MessageArrives_Fails()
    {
        var probe = ActorProbe.Create(_system);
        probe.Ref.Tell("surprise");

        await Assert.ThrowsAsync<InvalidOperationException>(() => probe.ExpectNoMsgAsync(Timeouts.Quiet));
    }

    [Fact]
    public async Task FishForMessageAsync_SkipsUntilMatch()
    {
        var probe = ActorProbe.Create(_system);
        probe.Ref.Tell("noise");
        probe.Ref.Tell(1);
        probe.Ref.Tell(7);
        probe.Ref.Tell(8);

        Assert.Equal(7, await probe.FishForMessageAsync<int>(n => n > 5, Timeouts.Expect));
        Assert.Equal(8, await probe.ExpectMsgAsync<int>(Timeouts.Expect));
    }

    [Fact]
    public async Task FishForMessageAsync_NoMatch_FailsListingSkipped()
    {
        var probe = ActorProbe.Create(_system);
        probe.Ref.Tell("noise");

        // Long enough for the delivery to land on a loaded machine; the wait ends in a timeout either way.
        var error = await Assert.ThrowsAsync<TimeoutException>(() => probe.FishForMessageAsync<int>(_ => true, TimeSpan.FromSeconds(1)));

        Assert.Contains("noise", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reply_AfterAsk_AnswersTheAsker()
    {
        var probe = ActorProbe.Create(_system);

        var reply = probe.Ref.Ask<string>("question", Timeouts.Expect);
        await probe.ExpectMsgAsync("question", Timeouts.Expect);
        probe.Reply("answer");

        Assert.Equal("answer", await reply);
    }
}
