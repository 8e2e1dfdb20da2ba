using RelayCluster.Core.Balancing;

namespace RelayCluster.Core.Tests.Balancing;

public class BalancingPoliciesTests
{
    [Theory]
    [InlineData("round-robin")]
    [InlineData("least-sessions")]
    [InlineData("random-two")]
    [InlineData("hash-client-ip")]
    public void TryGet_KnownName_ReturnsPolicyOfThatName(string name)
    {
        Assert.True(BalancingPolicies.TryGet(name, out var policy));
        Assert.Equal(name, policy.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Round-Robin")]
    [InlineData("round_robin")]
    [InlineData("least-requests")]
    [InlineData("first")]
    public void TryGet_UnknownName_ReturnsFalse(string name)
    {
        Assert.False(BalancingPolicies.TryGet(name, out var policy));
        Assert.Null(policy);
    }

    [Fact]
    public void Names_ListsAllFive()
    {
        Assert.Equal(["round-robin", "least-sessions", "random-two", "hash-client-ip", "most-free-slots"], BalancingPolicies.Names);
        Assert.All(BalancingPolicies.Names, name => Assert.True(BalancingPolicies.TryGet(name, out _)));
    }
}
