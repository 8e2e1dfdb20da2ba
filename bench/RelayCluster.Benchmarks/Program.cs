using BenchmarkDotNet.Running;
using RelayCluster.Benchmarks;

if (args.Length > 0 && args[0] == "steady-state")
{
    return await SteadyStateAllocations.RunAsync(args.Skip(1).ToArray());
}

BenchmarkSwitcher.FromAssembly(typeof(UdpForwardBenchmark).Assembly).Run(args);
return 0;
