using System.CommandLine;
using System.Globalization;
using RelayCluster.Bench.Common;

namespace RelayCluster.Bench.Tcp;

/// <summary><c>tcp-echo</c>: a TCP echo upstream that honours half-close and runs until Ctrl+C or SIGTERM.</summary>
internal static class TcpEchoCommand
{
    public static Command Create()
    {
        var listen = BenchOptions.EndPoint("--listen", "Address to listen on; port 0 picks a free port.");
        var threads = BenchOptions.Count("--threads", "Accept loops (each with its own SO_REUSEPORT socket on Linux); connections are served on the thread pool.", 1, 1, 256);
        var command = new Command("tcp-echo", "Echo every byte back on the same connection, and answer a FIN with a FIN. Prints 'listening tcp ADDRESS' first.")
        {
            listen,
            threads,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var echo = TcpEcho.Start(result.GetRequiredValue(listen), result.GetValue(threads));
            await using (echo)
            {
                Console.Out.WriteLine($"listening tcp {echo.LocalEndPoint}");
                Console.Out.Flush();
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                }
            }

            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tcp-echo: {echo.Accepted} connections, echoed {echo.EchoedBytes} bytes"));
            return 0;
        });
        return command;
    }
}
