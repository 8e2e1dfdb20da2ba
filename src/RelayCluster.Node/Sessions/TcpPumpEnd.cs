namespace RelayCluster.Node.Sessions;

/// <summary>How one direction of a TCP session ended: an orderly FIN, or a reset (or error) that ends the session at once.</summary>
internal readonly record struct TcpPumpEnd(SessionCloseReason Reason, bool IsReset)
{
    /// <summary>
    /// The end-of-stream rule of every TCP pump (async, TLS, epoll): a reset of either direction ends the session at once
    /// with its reason; otherwise the session ends once both directions finished, with the reason of the one that finished
    /// first (<see cref="SessionCloseReason.ClientClosed"/> or <see cref="SessionCloseReason.UpstreamClosed"/>).
    /// </summary>
    /// <param name="first">The direction that ended first, or null while neither has.</param>
    /// <param name="second">The other direction, or null while it runs.</param>
    /// <returns>The session's close reason, or null while it is not decided.</returns>
    public static SessionCloseReason? SessionEnd(TcpPumpEnd? first, TcpPumpEnd? second) => (first, second) switch
    {
        ({ IsReset: true } end, _) => end.Reason,
        (_, { IsReset: true } end) => end.Reason,
        ({ } end, not null) => end.Reason,
        _ => null,
    };

    /// <summary>Awaits two async pumps and applies <see cref="SessionEnd"/>: returns at the first reset without waiting for the other pump.</summary>
    public static async Task<SessionCloseReason> SessionEndAsync(Task<TcpPumpEnd> toUpstream, Task<TcpPumpEnd> toClient)
    {
        var first = await Task.WhenAny(toUpstream, toClient);
        var firstEnd = await first;
        if (firstEnd.IsReset)
        {
            return firstEnd.Reason;
        }

        var secondEnd = await (first == toUpstream ? toClient : toUpstream);
        return SessionEnd(firstEnd, secondEnd)!.Value;
    }
}
