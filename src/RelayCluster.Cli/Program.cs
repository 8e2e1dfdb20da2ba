using RelayCluster.Cli;

return await Relayctl.RunAsync(args, new CliContext(Console.Out, Console.Error, Environment.GetEnvironmentVariable));
