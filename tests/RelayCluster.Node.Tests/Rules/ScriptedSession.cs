using System.Net;
using Akka.Actor;
using RelayCluster.Core.Upstreams;
using RelayCluster.Node.Rules;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Tests.Rules;

/// <summary>
/// A session whose run a test ends (or breaks) by hand. It takes its place in the rule's limits when made and gives it
/// back on its close, as a real session does.
/// </summary>
internal sealed class ScriptedSession : IActorOwnedSession
{
    private readonly RelayRule _rule;
    private readonly TaskCompletionSource<SessionCloseReason> _run = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _starts;
    private int _closes;

    public ScriptedSession(RelayRule rule, IPEndPoint client)
    {
        _rule = rule;
        Client = client;
        Assert.Null(rule.Limiter.TryAdmit(client.Address));
        rule.SessionOpened(this);
    }

    public IPEndPoint Client { get; }

    public UpstreamState? Upstream => _rule.Upstreams[0];

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public long LastActivity { get; set; } = Environment.TickCount64;

    public TrafficCounters Traffic { get; } = new();

    public bool IsClosed => CloseReason is not null;

    public SessionCloseReason? CloseReason { get; private set; }

    /// <summary>How often an actor started the session: once, since a failed session is never restarted.</summary>
    public int Starts => Volatile.Read(ref _starts);

    /// <summary>How often the session was closed: once.</summary>
    public int Closes => Volatile.Read(ref _closes);

    /// <summary>Ends the session's run with an exception, as a reader that broke.</summary>
    public void Fail(Exception error) => _run.TrySetException(error);

    public Task<SessionCloseReason>? Start(IActorRef router)
    {
        Interlocked.Increment(ref _starts);
        return _run.Task;
    }

    public bool Close(SessionCloseReason reason)
    {
        if (Interlocked.Increment(ref _closes) != 1)
        {
            return false;
        }

        CloseReason = reason;
        _rule.Limiter.Release(Client.Address);
        _rule.SessionClosed(this, reason);
        return true;
    }
}
