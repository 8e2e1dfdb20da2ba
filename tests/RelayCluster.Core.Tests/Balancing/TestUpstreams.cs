using System.Net;
using RelayCluster.Core.Balancing;
using RelayCluster.Core.Upstreams;

namespace RelayCluster.Core.Tests.Balancing;

internal static class TestUpstreams
{
    /// <summary>One upstream per weight, at 10.0.0.1:27015, 10.0.0.2:27015, ...</summary>
    public static UpstreamState[] Create(params int[] weights)
    {
        var upstreams = new UpstreamState[weights.Length];
        for (var i = 0; i < weights.Length; i++)
        {
            upstreams[i] = Create($"10.0.0.{i + 1}:27015", weights[i]);
        }

        return upstreams;
    }

    public static UpstreamState Create(string address, int weight = 1) =>
        new(address, IPEndPoint.Parse(address), weight);

    public static UpstreamState[] Equal(int count) => Create(Enumerable.Repeat(1, count).ToArray());

    public static int[] ParseWeights(string weights) =>
        weights.Split(',').Select(int.Parse).ToArray();

    public static void OpenSessions(UpstreamState upstream, int count)
    {
        for (var i = 0; i < count; i++)
        {
            upstream.SessionOpened();
        }
    }

    /// <summary>The i-th of a run of distinct client addresses, 10.x.y.z.</summary>
    public static IPAddress Client(int index) =>
        new([10, (byte)(index >> 16), (byte)(index >> 8), (byte)index]);

    public static BalancingContext Context(Random? random = null, IPAddress? client = null, LoadScope scope = LoadScope.Node, BalancingState? state = null) =>
        new(state ?? new BalancingState(), client ?? IPAddress.Loopback, scope, random);
}
