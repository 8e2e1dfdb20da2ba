using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Tests.Sessions;

/// <summary>The one end-of-stream rule the async, TLS and epoll pumps share.</summary>
public class TcpPumpEndTests
{
    [Theory]
    [InlineData(false, SessionCloseReason.ClientClosed)]
    [InlineData(true, SessionCloseReason.UpstreamClosed)]
    public void SessionEnd_BothFinished_WhoeverFinishedFirst(bool firstTowardClient, SessionCloseReason expected)
    {
        var first = new TcpDirection(firstTowardClient);
        var second = new TcpDirection(!firstTowardClient);

        Assert.Null(TcpPumpEnd.SessionEnd(first.Finished, null));
        Assert.Equal(expected, TcpPumpEnd.SessionEnd(first.Finished, second.Finished));
    }

    [Fact]
    public void SessionEnd_AReset_EndsTheSessionAtOnceWithItsReason()
    {
        Assert.Equal(SessionCloseReason.ClientReset, TcpPumpEnd.SessionEnd(TcpDirection.ToUpstream.SourceReset, null));
        Assert.Equal(SessionCloseReason.UpstreamReset, TcpPumpEnd.SessionEnd(TcpDirection.ToUpstream.Finished, TcpDirection.ToClient.SourceReset));
        Assert.Equal(SessionCloseReason.ClientReset, TcpPumpEnd.SessionEnd(TcpDirection.ToClient.TargetReset, TcpDirection.ToUpstream.Finished));
        Assert.Equal(SessionCloseReason.UpstreamError, TcpPumpEnd.SessionEnd(TcpDirection.ToClient.SourceError, null));
    }

    [Fact]
    public void SessionEnd_NothingEnded_Undecided() => Assert.Null(TcpPumpEnd.SessionEnd(null, null));

    [Fact]
    public async Task SessionEndAsync_FirstResetWins_WithoutWaitingForTheOtherPump()
    {
        var never = new TaskCompletionSource<TcpPumpEnd>();

        var end = await TcpPumpEnd.SessionEndAsync(Task.FromResult(TcpDirection.ToUpstream.TargetReset), never.Task);

        Assert.Equal(SessionCloseReason.UpstreamReset, end);
    }

    [Fact]
    public async Task SessionEndAsync_OrderlyCloses_WaitsForBothAndNamesTheFirst()
    {
        var toUpstream = new TaskCompletionSource<TcpPumpEnd>();
        var toClient = new TaskCompletionSource<TcpPumpEnd>();
        var end = TcpPumpEnd.SessionEndAsync(toUpstream.Task, toClient.Task);

        toClient.SetResult(TcpDirection.ToClient.Finished);
        Assert.False(end.IsCompleted);
        toUpstream.SetResult(TcpDirection.ToUpstream.Finished);

        Assert.Equal(SessionCloseReason.UpstreamClosed, await end);
    }
}
