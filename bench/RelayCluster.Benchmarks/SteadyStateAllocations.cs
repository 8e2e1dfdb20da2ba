using System.Diagnostics;

namespace RelayCluster.Benchmarks;

/// <summary>
/// Runs round trips through an in-process relay for a while and prints the process's allocated bytes per second
/// of steady state: flat means the packet path allocates nothing per datagram.
/// </summary>
internal static class SteadyStateAllocations
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 10;
        await using var relay = new RelayUnderTest();
        await relay.StartAsync();
        var payload = new byte[64];
        for (var i = 0; i < 20_000; i++)
        {
            relay.RoundTrip(payload);
        }

        Console.WriteLine("second  round-trips  allocated-bytes  bytes/round-trip");
        long totalTrips = 0;
        var startBytes = GC.GetTotalAllocatedBytes(precise: true);
        for (var second = 1; second <= seconds; second++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var trips = 0L;
            var clock = Stopwatch.StartNew();
            while (clock.ElapsedMilliseconds < 1000)
            {
                relay.RoundTrip(payload);
                trips++;
            }

            var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            totalTrips += trips;
            Console.WriteLine($"{second,6}  {trips,11}  {allocated,15}  {(double)allocated / trips,16:F4}");
        }

        var total = GC.GetTotalAllocatedBytes(precise: true) - startBytes;
        Console.WriteLine($"total: {totalTrips} round trips ({totalTrips * 2} datagrams relayed), {total} bytes allocated, {(double)total / (totalTrips * 2):F4} bytes per datagram");
        return 0;
    }
}
