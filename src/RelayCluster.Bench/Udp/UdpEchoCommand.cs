using System.CommandLine;
using System.Globalization;
using RelayCluster.Bench.Common;

namespace RelayCluster.Bench.Udp;

/// <summary><c>udp-echo</c>: a fast UDP echo upstream that runs until Ctrl+C or SIGTERM.</summary>
internal static class UdpEchoCommand
{
    public static Command Create()
    {
        var listen = BenchOptions.EndPoint("--listen", "Address to listen on; port 0 picks a free port.");
        var threads = BenchOptions.Count("--threads", "Receive threads (each with its own SO_REUSEPORT socket on Linux).", Environment.ProcessorCount, 1, 256);
        var command = new Command("udp-echo", "Echo every UDP datagram back to its sender. Prints 'listening udp ADDRESS' first.")
        {
            listen,
            threads,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var echo = UdpEcho.Start(result.GetRequiredValue(listen), result.GetValue(threads));
            Console.Out.WriteLine($"listening udp {echo.LocalEndPoint}");
            Console.Out.Flush();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }

            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"udp-echo: echoed {echo.Echoed} datagrams"));
            return 0;
        });
        return command;
    }
}
