using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using RelayCluster.Bench.Common;

namespace RelayCluster.Bench.Udp;

/// <summary><c>udp-ping</c>: waits until one UDP round trip to the target succeeds, for scripts that wait on a relay.</summary>
internal static class UdpPingCommand
{
    public static Command Create()
    {
        var target = BenchOptions.EndPoint("--target", "Address to ping: an echo, or a relay in front of one.");
        var deadline = new DurationOption("--deadline", "Give up after this long.", TimeSpan.FromSeconds(10));
        var interval = new DurationOption("--interval", "Send a new probe after this long without a reply.", TimeSpan.FromMilliseconds(100));
        var command = new Command("udp-ping", "Send probes until one comes back; exit 0 with its round-trip time, or 1 at the deadline.")
        {
            target,
            deadline.Option,
            interval.Option,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var address = result.GetRequiredValue(target);
            var rtt = await PingAsync(address, deadline.GetValue(result), interval.GetValue(result), cancellationToken);
            if (rtt is null)
            {
                await Console.Error.WriteLineAsync($"udp-ping: no reply from {address} within {DurationParser.Format(deadline.GetValue(result))}");
                return 1;
            }

            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"reply from {address} in {rtt.Value.TotalMicroseconds:0} us"));
            return 0;
        });
        return command;
    }

    /// <summary>The round-trip time of the first probe answered, or null when none is answered before the deadline.</summary>
    public static async Task<TimeSpan?> PingAsync(IPEndPoint target, TimeSpan deadline, TimeSpan interval, CancellationToken cancellationToken)
    {
        using var deadlineSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadlineSource.CancelAfter(deadline);
        using var socket = UdpSockets.Connect(target);
        var runId = (uint)Random.Shared.Next();
        var probe = new byte[UdpLoadPayload.HeaderSize];
        var reply = new byte[2048];
        var sequence = 0L;
        while (!deadlineSource.IsCancellationRequested)
        {
            var sentAt = Stopwatch.GetTimestamp();
            UdpLoadPayload.Write(probe, runId, 0, 0, ++sequence, sentAt);
            try
            {
                await socket.SendAsync(probe, SocketFlags.None, deadlineSource.Token);
                using var probeSource = CancellationTokenSource.CreateLinkedTokenSource(deadlineSource.Token);
                probeSource.CancelAfter(interval);
                while (true)
                {
                    var length = await socket.ReceiveAsync(reply, SocketFlags.None, probeSource.Token);
                    if (UdpLoadPayload.TryRead(reply.AsSpan(0, length), runId, out _, out _, out var answered) && answered == sequence)
                    {
                        return Stopwatch.GetElapsedTime(sentAt);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
            {
                // Nothing listens yet: the refusal comes back at once, so wait out the interval before the next probe.
                await WaitAsync(interval, deadlineSource.Token);
            }
        }

        return null;
    }

    private static async Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
