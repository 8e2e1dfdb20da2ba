using RelayCluster.Core.Balancing;
using RelayCluster.Core.Upstreams;
using RelayCluster.Testing.Memory;

namespace RelayCluster.Core.Tests.Balancing;

public class UpstreamPickerTests
{
    [Theory]
    [InlineData(UpstreamHealth.Unhealthy, UpstreamAdminState.Enabled)]
    [InlineData(UpstreamHealth.Healthy, UpstreamAdminState.Draining)]
    [InlineData(UpstreamHealth.Healthy, UpstreamAdminState.Disabled)]
    public void Pick_UnavailableUpstream_NeverPicked(UpstreamHealth health, UpstreamAdminState adminState)
    {
        var upstreams = TestUpstreams.Equal(3);
        upstreams[1].Health = health;
        upstreams[1].AdminState = adminState;
        var policy = new RecordingPolicy();

        for (var i = 0; i < 100; i++)
        {
            Assert.NotSame(upstreams[1], UpstreamPicker.Pick(policy, TestUpstreams.Context(), upstreams));
        }

        Assert.Equal([upstreams[0], upstreams[2]], policy.LastAvailable);
    }

    [Fact]
    public void Pick_UnknownHealth_CountsAsAvailable()
    {
        var upstreams = TestUpstreams.Equal(2);
        upstreams[0].Health = UpstreamHealth.Unknown;
        upstreams[1].Health = UpstreamHealth.Unhealthy;

        Assert.Same(upstreams[0], UpstreamPicker.Pick(new RecordingPolicy(), TestUpstreams.Context(), upstreams));
    }

    [Fact]
    public void Pick_NoneAvailable_ReturnsNullWithoutCallingPolicy()
    {
        var upstreams = TestUpstreams.Equal(2);
        upstreams[0].Health = UpstreamHealth.Unhealthy;
        upstreams[1].AdminState = UpstreamAdminState.Draining;
        var policy = new RecordingPolicy();

        Assert.Null(UpstreamPicker.Pick(policy, TestUpstreams.Context(), upstreams));
        Assert.Null(UpstreamPicker.Pick(policy, TestUpstreams.Context(), []));
        Assert.Equal(0, policy.Calls);
    }

    [Fact]
    public void Pick_OneAvailable_ReturnsItWithoutCallingPolicy()
    {
        var upstreams = TestUpstreams.Equal(3);
        upstreams[0].AdminState = UpstreamAdminState.Disabled;
        upstreams[2].Health = UpstreamHealth.Unhealthy;
        var policy = new RecordingPolicy();

        Assert.Same(upstreams[1], UpstreamPicker.Pick(policy, TestUpstreams.Context(), upstreams));
        Assert.Same(upstreams[1], UpstreamPicker.Pick(policy, TestUpstreams.Context(), [upstreams[1]]));
        Assert.Equal(0, policy.Calls);
    }

    [Fact]
    public void Pick_AllAvailable_HandsTheRuleListToPolicy()
    {
        var upstreams = TestUpstreams.Equal(3);
        var policy = new RecordingPolicy();

        UpstreamPicker.Pick(policy, TestUpstreams.Context(), upstreams);

        Assert.Same(upstreams, policy.LastList);
    }

    [Fact]
    public void CopyAvailable_MixedStates_ReplacesContentsInOrder()
    {
        var upstreams = TestUpstreams.Equal(4);
        upstreams[0].Health = UpstreamHealth.Healthy;
        upstreams[1].Health = UpstreamHealth.Unhealthy;
        List<UpstreamState> buffer = [upstreams[1]];

        Assert.True(BalancingPolicies.TryGet(BalancingPolicies.LeastSessions, out var policy));

        var count = UpstreamPicker.CopyAvailable(policy, upstreams, buffer);

        Assert.Equal(3, count);
        Assert.Equal([upstreams[0], upstreams[2], upstreams[3]], buffer);
    }

    [Theory]
    [InlineData(BalancingPolicies.RoundRobin)]
    [InlineData(BalancingPolicies.LeastSessions)]
    [InlineData(BalancingPolicies.RandomTwo)]
    [InlineData(BalancingPolicies.HashClientIp)]
    public void Pick_WarmedUp_AllocatesNothing(string name)
    {
        Assert.True(BalancingPolicies.TryGet(name, out var policy));
        var upstreams = TestUpstreams.Create(1, 2, 3, 4);
        upstreams[2].AdminState = UpstreamAdminState.Draining;
        var context = TestUpstreams.Context(new Random(8), TestUpstreams.Client(77), LoadScope.Cluster);
        UpstreamState[] allAvailable = [upstreams[0], upstreams[1], upstreams[3]];

        var allocated = Allocations.FewestBytes(3, () => PickMany(policy, context, upstreams, allAvailable));

        Assert.Equal(0, allocated);
    }

    private static void PickMany(IBalancingPolicy policy, BalancingContext context, UpstreamState[] some, UpstreamState[] all)
    {
        for (var i = 0; i < 1_000; i++)
        {
            UpstreamPicker.Pick(policy, context, some);
            UpstreamPicker.Pick(policy, context, all);
        }
    }

    private sealed class RecordingPolicy : IBalancingPolicy
    {
        public string Name => "recording";

        public int Calls { get; private set; }

        public IReadOnlyList<UpstreamState>? LastList { get; private set; }

        public UpstreamState[] LastAvailable { get; private set; } = [];

        public UpstreamState Pick(BalancingContext context, IReadOnlyList<UpstreamState> available)
        {
            Calls++;
            LastList = available;
            LastAvailable = [.. available];
            return available[Calls % available.Count];
        }
    }
}
