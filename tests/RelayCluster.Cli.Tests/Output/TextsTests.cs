using RelayCluster.Cli.Output;

namespace RelayCluster.Cli.Tests.Output;

public class TextsTests
{
    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(512, "512 B")]
    [InlineData(1536, "1.5 KiB")]
    [InlineData(1_258_291, "1.2 MiB")]
    [InlineData(5_368_709_120, "5.0 GiB")]
    public void Bytes_Value_UsesBinaryUnits(double value, string expected) => Assert.Equal(expected, Texts.Bytes(value));

    [Theory]
    [InlineData(0.25, "250ms")]
    [InlineData(4.2, "4.2s")]
    [InlineData(42, "42s")]
    [InlineData(200, "3m 20s")]
    [InlineData(7500, "2h 5m")]
    [InlineData(273_600, "3d 4h")]
    [InlineData(-5, "0ms")]
    public void Duration_Seconds_ShowsTheTwoLargestUnits(double seconds, string expected) =>
        Assert.Equal(expected, Texts.Duration(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(0, "0")]
    [InlineData(3.5, "3.5")]
    [InlineData(99.94, "99.9")]
    [InlineData(1250.4, "1,250")]
    public void Rate_Value_OneDecimalBelowAHundred(double value, string expected) => Assert.Equal(expected, Texts.Rate(value));

    [Fact]
    public void Time_OtherOffset_IsWrittenInUtcToTheSecond() =>
        Assert.Equal("2026-11-22T05:00:01Z", Texts.Time(new DateTimeOffset(2026, 11, 22, 6, 0, 1, 500, TimeSpan.FromHours(1))));

    [Fact]
    public void Counts_ZerosAndEmpty_AreNone()
    {
        Assert.Equal("none", Texts.Counts(new Dictionary<string, long> { ["truncated"] = 0 }));
        Assert.Equal("session-limit 3, truncated 1", Texts.Counts(new Dictionary<string, long> { ["truncated"] = 1, ["session-limit"] = 3 }));
    }
}
