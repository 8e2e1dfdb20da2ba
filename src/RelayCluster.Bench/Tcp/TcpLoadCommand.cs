using System.CommandLine;
using RelayCluster.Bench.Common;

namespace RelayCluster.Bench.Tcp;

/// <summary><c>tcp-load</c>: closed-loop TCP requests over persistent connections, against an echo directly or through a relay.</summary>
internal static class TcpLoadCommand
{
    private const int MaxMessage = 64 * 1024 * 1024;

    public static Command Create()
    {
        var target = BenchOptions.EndPoint("--target", "Address to connect to: the echo itself or a relay in front of it.");
        var connections = BenchOptions.Count("--connections", "Persistent connections, each with one request in flight.", 16, 1, 10_000);
        var request = BenchOptions.Count("--request", "Request size in bytes.", 64, 1, MaxMessage);
        var response = new Option<int?>("--response")
        {
            Description = "Response size in bytes to wait for before the next request; an echo answers with the request itself. [default: the request size]",
            HelpName = "BYTES",
        };
        response.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } value && value is < 1 or > MaxMessage)
            {
                result.AddError($"--response must be between 1 and {MaxMessage}, not {value}.");
            }
        });
        var duration = new DurationOption("--duration", "How long to measure.", TimeSpan.FromSeconds(10));
        var warmup = new DurationOption("--warmup", "How long to run before measuring.", TimeSpan.FromSeconds(1));
        var json = new Option<bool>("--json") { Description = "Print the result as one line of JSON." };
        var command = new Command("tcp-load", "Send closed-loop TCP requests and report requests/s, bytes/s, errors and latency percentiles. Exits 1 on any error or when no request completed.")
        {
            target,
            connections,
            request,
            response,
            duration.Option,
            warmup.Option,
            json,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var requestSize = result.GetValue(request);
            var options = new TcpLoadOptions(
                result.GetRequiredValue(target),
                result.GetValue(connections),
                requestSize,
                result.GetValue(response) ?? requestSize,
                duration.GetValue(result),
                warmup.GetValue(result));
            var outcome = await TcpLoad.RunAsync(options, cancellationToken);
            if (result.GetValue(json))
            {
                using var stdout = Console.OpenStandardOutput();
                outcome.WriteJson(stdout);
            }
            else
            {
                outcome.WriteText(Console.Out);
            }

            if (outcome.Counters.Errors > 0)
            {
                await Console.Error.WriteLineAsync($"tcp-load: {outcome.Counters.Errors} errors, the first: {outcome.FirstError}");
                return 1;
            }

            if (outcome.Counters.Requests == 0)
            {
                await Console.Error.WriteLineAsync($"tcp-load: no request to {options.Target} completed");
                return 1;
            }

            return 0;
        });
        return command;
    }
}
