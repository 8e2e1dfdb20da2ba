using Akka.Actor;
using RelayCluster.Core.Upstreams;
using RelayCluster.Node.Rules;
using RelayCluster.Node.Sessions;

namespace RelayCluster.Node.Hosting;

public sealed partial class RelayNode
{
    /// <summary>Live sessions over all rules.</summary>
    public long ActiveSessions => _rules.Sum(rule => rule.Counters.SessionsActive);

    /// <summary>
    /// Graceful leave: stops opening sessions, lets existing ones run until they end by themselves or
    /// <paramref name="grace"/> passes, then closes what is left.
    /// </summary>
    public async Task DrainAsync(TimeSpan grace, CancellationToken cancellationToken = default)
    {
        foreach (var rule in _rules)
        {
            await rule.Router.Ask<bool>(StopAccepting.Instance, s_askTimeout, cancellationToken);
        }

        Log.Draining(_logger, ActiveSessions, grace);
        var deadline = TimeProvider.System.GetTimestamp() + (long)(grace.TotalSeconds * TimeProvider.System.TimestampFrequency);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (ActiveSessions > 0 && TimeProvider.System.GetTimestamp() < deadline && await tick.WaitForNextTickAsync(cancellationToken))
        {
        }

        var left = ActiveSessions;
        await CloseAllSessionsAsync(SessionCloseReason.NodeShutdown, cancellationToken);
        Log.Drained(_logger, left);
    }

    private async Task CloseAllSessionsAsync(SessionCloseReason reason, CancellationToken cancellationToken)
    {
        foreach (var rule in _rules)
        {
            await rule.Router.Ask<SessionsClosed>(new CloseAllSessions(reason), s_askTimeout, cancellationToken);
        }
    }

    /// <summary>
    /// Sets the admin state of upstream <paramref name="address"/> of rule <paramref name="rule"/>: draining takes no new
    /// sessions and leaves existing ones alone; disabled also closes its sessions. False when there is no such upstream.
    /// </summary>
    public Task<bool> SetUpstreamAdminStateAsync(string rule, string address, UpstreamAdminState state, CancellationToken cancellationToken = default) =>
        Rule(rule).Router.Ask<bool>(new SetUpstreamAdminState(address, state), s_askTimeout, cancellationToken);

    /// <summary>Closes every listener and session and stops the actors.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var rule in _rules)
        {
            rule.Listener.StopAccepting();
        }

        try
        {
            await CloseAllSessionsAsync(SessionCloseReason.NodeShutdown, CancellationToken.None);
        }
        catch (Exception e) when (e is TimeoutException or AskTimeoutException or TaskCanceledException)
        {
            // The actor system's shutdown below stops whatever did not answer.
        }

        foreach (var rule in _rules)
        {
            await rule.Listener.DisposeAsync();
            rule.Detach();
        }

        await _actors.DisposeAsync();
        Metrics.Dispose();
    }
}
