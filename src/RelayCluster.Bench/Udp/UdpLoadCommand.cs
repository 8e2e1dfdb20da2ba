using System.CommandLine;
using RelayCluster.Bench.Common;

namespace RelayCluster.Bench.Udp;

/// <summary><c>udp-load</c>: closed-loop UDP round trips against an echo, directly or through a relay.</summary>
internal static class UdpLoadCommand
{
    public static Command Create()
    {
        var target = BenchOptions.EndPoint("--target", "Address to send to: the echo itself or a relay in front of it.");
        var flows = BenchOptions.Count("--flows", "Flows, each with its own socket and source port.", 16, 1, 10_000);
        var window = BenchOptions.Count("--window", "Datagrams in flight per flow.", 8, 1, 10_000);
        var size = BenchOptions.Count("--size", "Datagram size in bytes.", 64, UdpLoadPayload.HeaderSize, 65_507);
        var duration = new DurationOption("--duration", "How long to measure.", TimeSpan.FromSeconds(10));
        var warmup = new DurationOption("--warmup", "How long to run before measuring.", TimeSpan.FromSeconds(1));
        var timeout = new DurationOption("--timeout", "After this long without a reply a datagram counts as lost and is sent again.", TimeSpan.FromMilliseconds(200));
        var threads = BenchOptions.Count("--threads", "Threads that drive the flows, each polling its share of the sockets.", Environment.ProcessorCount, 1, 256);
        var json = new Option<bool>("--json") { Description = "Print the result as one line of JSON." };
        var command = new Command("udp-load", "Send closed-loop UDP load and report round trips/s, loss, misrouting and RTT percentiles. Exits 1 when a reply reached the wrong flow or no reply came back at all.")
        {
            target,
            flows,
            window,
            size,
            duration.Option,
            warmup.Option,
            timeout.Option,
            threads,
            json,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var options = new UdpLoadOptions(
                result.GetRequiredValue(target),
                result.GetValue(flows),
                result.GetValue(window),
                result.GetValue(size),
                duration.GetValue(result),
                warmup.GetValue(result),
                timeout.GetValue(result) is { Ticks: > 0 } t ? t : TimeSpan.FromMilliseconds(200),
                result.GetValue(threads));
            var outcome = await UdpLoad.RunAsync(options, cancellationToken);
            if (result.GetValue(json))
            {
                using var stdout = Console.OpenStandardOutput();
                outcome.WriteJson(stdout);
            }
            else
            {
                outcome.WriteText(Console.Out);
            }

            if (outcome.Counters.Misrouted > 0)
            {
                await Console.Error.WriteLineAsync($"udp-load: {outcome.Counters.Misrouted} replies reached the wrong flow");
                return 1;
            }

            if (outcome.Counters.Received == 0)
            {
                await Console.Error.WriteLineAsync($"udp-load: no reply from {options.Target}");
                return 1;
            }

            return 0;
        });
        return command;
    }
}
