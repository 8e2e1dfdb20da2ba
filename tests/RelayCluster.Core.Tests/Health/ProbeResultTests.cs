using RelayCluster.Core.Health;

namespace RelayCluster.Core.Tests.Health;

public class ProbeResultTests
{
    [Theory]
    [InlineData(HealthFailureReason.Timeout, "no reply within 1s", "timeout: no reply within 1s")]
    [InlineData(HealthFailureReason.Mismatch, "reply starts with 41", "mismatch: reply starts with 41")]
    [InlineData(HealthFailureReason.Refused, "port unreachable", "refused: port unreachable")]
    [InlineData(HealthFailureReason.Error, "network unreachable", "error: network unreachable")]
    public void ToString_Failed_NamesReasonAndDetail(HealthFailureReason reason, string detail, string expected)
    {
        var result = ProbeResult.Failed(reason, detail);

        Assert.False(result.IsPassed);
        Assert.Equal(reason, result.Failure);
        Assert.Equal(expected, result.ToString());
    }

    [Fact]
    public void Passed_IsPassedWithoutReason()
    {
        Assert.True(ProbeResult.Passed.IsPassed);
        Assert.Null(ProbeResult.Passed.Failure);
        Assert.Equal("passed", ProbeResult.Passed.ToString());
    }
}
