using RelayCluster.Core.Configuration;

namespace RelayCluster.Core.Tests.Configuration;

public class SuggestionsTests
{
    private static readonly string[] s_keys = ["idle-timeout", "max", "max-per-client-ip", "max-datagram", "connect-timeout", "connect-attempts"];

    [Theory]
    [InlineData("idle_timeout", "idle-timeout")]
    [InlineData("idleTimeout", "idle-timeout")]
    [InlineData("idle-timout", "idle-timeout")]
    [InlineData("mx", "max")]
    [InlineData("max-per-client", "max-per-client-ip")]
    [InlineData("connect-attempt", "connect-attempts")]
    [InlineData("retries", null)]
    [InlineData("timeout", null)]
    public void Closest_Misspelling_FindsTheIntendedKey(string input, string? expected)
    {
        Assert.Equal(expected, Suggestions.Closest(input, s_keys));
    }
}
