using RelayCluster.Core.Health;
using RelayCluster.Node.Health.Internal;

namespace RelayCluster.Node.Health;

/// <summary>The <c>minecraft-bedrock</c> preset: a RakNet unconnected ping, passing on an unconnected pong that echoes its time.</summary>
internal sealed class MinecraftBedrockProbe : DatagramProbe
{
    private readonly TimeProvider _timeProvider;
    private readonly long _clientGuid;
    private readonly long _started;

    /// <summary>Creates a probe that waits up to <paramref name="timeout"/> for the pong.</summary>
    public MinecraftBedrockProbe(TimeSpan timeout, TimeProvider? timeProvider = null, long? clientGuid = null)
        : base(timeout, timeProvider)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
        _clientGuid = clientGuid ?? Random.Shared.NextInt64();
        _started = _timeProvider.GetTimestamp();
    }

    /// <inheritdoc />
    protected override async ValueTask<ProbeResult> ExchangeAsync(ProbeSocket socket, CancellationToken cancellationToken)
    {
        // RakNet's ping time is the sender's uptime in milliseconds; the pong must echo it.
        var time = (long)_timeProvider.GetElapsedTime(_started).TotalMilliseconds;
        await socket.SendAsync(RakNetPing.Ping(time, _clientGuid), cancellationToken);
        var reply = await socket.ReceiveAsync(cancellationToken);
        if (RakNetPing.CheckPong(reply.Span, time) is { } mismatch)
        {
            return ProbeResult.Failed(HealthFailureReason.Mismatch, mismatch);
        }

        return RakNetPing.ReadCapacity(reply.Span) is { } capacity ? ProbeResult.PassedWith(capacity) : ProbeResult.Passed;
    }
}
