using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using RelayCluster.Bench.Common;

namespace RelayCluster.Bench.Tcp;

/// <summary><c>tcp-ping</c>: waits until a connection to the target echoes a probe back, for scripts that wait on a relay.</summary>
internal static class TcpPingCommand
{
    private const int ProbeSize = 16;

    public static Command Create()
    {
        var target = BenchOptions.EndPoint("--target", "Address to ping: an echo, or a relay in front of one.");
        var deadline = new DurationOption("--deadline", "Give up after this long.", TimeSpan.FromSeconds(10));
        var interval = new DurationOption("--interval", "Try a new connection after this long without an echo.", TimeSpan.FromMilliseconds(100));
        var command = new Command("tcp-ping", "Connect and send a probe until one is echoed back; exit 0 with its round-trip time, or 1 at the deadline.")
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
                await Console.Error.WriteLineAsync($"tcp-ping: no echo from {address} within {DurationParser.Format(deadline.GetValue(result))}");
                return 1;
            }

            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"echo from {address} in {rtt.Value.TotalMicroseconds:0} us"));
            return 0;
        });
        return command;
    }

    /// <summary>The round-trip time of the first probe echoed, not counting the connect, or null when none is echoed before the deadline.</summary>
    public static async Task<TimeSpan?> PingAsync(IPEndPoint target, TimeSpan deadline, TimeSpan interval, CancellationToken cancellationToken)
    {
        using var deadlineSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadlineSource.CancelAfter(deadline);
        var probe = new byte[ProbeSize];
        var echo = new byte[ProbeSize];
        Random.Shared.NextBytes(probe);
        while (!deadlineSource.IsCancellationRequested)
        {
            var attemptStart = Stopwatch.GetTimestamp();
            using var attemptSource = CancellationTokenSource.CreateLinkedTokenSource(deadlineSource.Token);
            attemptSource.CancelAfter(interval);
            try
            {
                using var socket = await TcpSockets.ConnectAsync(target, attemptSource.Token);
                var sentAt = Stopwatch.GetTimestamp();
                await socket.SendAsync(probe, SocketFlags.None, attemptSource.Token);
                var received = 0;
                while (received < ProbeSize)
                {
                    var read = await socket.ReceiveAsync(echo.AsMemory(received), SocketFlags.None, attemptSource.Token);
                    if (read == 0)
                    {
                        break;
                    }

                    received += read;
                }

                if (received == ProbeSize && echo.AsSpan().SequenceEqual(probe))
                {
                    return Stopwatch.GetElapsedTime(sentAt);
                }
            }
            catch (OperationCanceledException)
            {
                continue;
            }
            catch (SocketException)
            {
            }

            // Refused or closed at once: wait out the rest of the interval before the next attempt.
            await WaitAsync(interval - Stopwatch.GetElapsedTime(attemptStart), deadlineSource.Token);
        }

        return null;
    }

    private static async Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
