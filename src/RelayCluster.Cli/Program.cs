using RelayCluster.Cli;

using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C asks the running command to stop; a second one ends the process at once.
    e.Cancel = !interrupt.IsCancellationRequested;
    interrupt.Cancel();
};

return await Relayctl.RunAsync(args, new CliContext(Console.Out, Console.Error, Environment.GetEnvironmentVariable), interrupt.Token);
