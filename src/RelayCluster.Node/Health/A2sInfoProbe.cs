using RelayCluster.Core.Health;
using RelayCluster.Node.Health.Internal;

namespace RelayCluster.Node.Health;

/// <summary>
/// The <c>a2s-info</c> preset: sends A2S_INFO, answers one S2C_CHALLENGE by sending the query again with the
/// challenge appended, and passes on an info reply; both round trips share the timeout.
/// </summary>
internal sealed class A2sInfoProbe : DatagramProbe
{
    /// <summary>Creates a probe whose exchange must end within <paramref name="timeout"/>.</summary>
    public A2sInfoProbe(TimeSpan timeout, TimeProvider? timeProvider = null)
        : base(timeout, timeProvider)
    {
    }

    /// <inheritdoc />
    protected override async ValueTask<ProbeResult> ExchangeAsync(ProbeSocket socket, CancellationToken cancellationToken)
    {
        await socket.SendAsync(A2sInfo.Query, cancellationToken);
        var reply = await socket.ReceiveAsync(cancellationToken);
        if (A2sInfo.Classify(reply.Span, out var challenge) == A2sInfo.ReplyKind.Challenge)
        {
            await socket.SendAsync(A2sInfo.QueryWithChallenge(challenge), cancellationToken);
            reply = await socket.ReceiveAsync(cancellationToken);
        }

        return A2sInfo.Classify(reply.Span, out _) switch
        {
            A2sInfo.ReplyKind.Info => A2sInfo.ReadCapacity(reply.Span) is { } capacity ? ProbeResult.PassedWith(capacity) : ProbeResult.Passed,
            A2sInfo.ReplyKind.Challenge => ProbeResult.Failed(
                HealthFailureReason.Mismatch, "the query with the challenge was answered by another challenge"),
            _ => ProbeResult.Failed(
                HealthFailureReason.Mismatch, $"reply {ProbeText.Preview(reply.Span)} is not an A2S_INFO reply (FFFFFFFF49)"),
        };
    }
}
