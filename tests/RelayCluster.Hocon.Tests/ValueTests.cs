namespace RelayCluster.Hocon.Tests;

public class ValueTests
{
    [Theory]
    [InlineData("500ms", 500 * TimeSpan.TicksPerMillisecond)]
    [InlineData("500", 500 * TimeSpan.TicksPerMillisecond)]
    [InlineData("2s", 2 * TimeSpan.TicksPerSecond)]
    [InlineData("1.5s", 15 * TimeSpan.TicksPerSecond / 10)]
    [InlineData("5 minutes", 5 * TimeSpan.TicksPerMinute)]
    [InlineData(" 5 m ", 5 * TimeSpan.TicksPerMinute)]
    [InlineData("1 minute", TimeSpan.TicksPerMinute)]
    [InlineData("2h", 2 * TimeSpan.TicksPerHour)]
    [InlineData("3 hours", 3 * TimeSpan.TicksPerHour)]
    [InlineData("1d", TimeSpan.TicksPerDay)]
    [InlineData("7 days", 7 * TimeSpan.TicksPerDay)]
    [InlineData("10 seconds", 10 * TimeSpan.TicksPerSecond)]
    [InlineData("1 second", TimeSpan.TicksPerSecond)]
    [InlineData("250 milliseconds", 250 * TimeSpan.TicksPerMillisecond)]
    [InlineData("3 millis", 3 * TimeSpan.TicksPerMillisecond)]
    [InlineData("20us", 200)]
    [InlineData("20 microseconds", 200)]
    [InlineData("1500ns", 15)]
    [InlineData("1500 nanoseconds", 15)]
    [InlineData("0", 0)]
    [InlineData("-2s", -2 * TimeSpan.TicksPerSecond)]
    [InlineData("1e3ms", TimeSpan.TicksPerSecond)]
    public void HoconDurationTryParse_ValidText_GivesDuration(string text, long ticks)
    {
        Assert.True(HoconDuration.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromTicks(ticks), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ms")]
    [InlineData("5 fortnights")]
    [InlineData("5S")]
    [InlineData("5 MS")]
    [InlineData("5s extra")]
    [InlineData("5 s s")]
    [InlineData("1.2.3s")]
    [InlineData("99999999999999999999999d")]
    [InlineData(null)]
    public void HoconDurationTryParse_InvalidText_ReturnsFalse(string? text) => Assert.False(HoconDuration.TryParse(text, out _));

    [Theory]
    [InlineData("512", 512L)]
    [InlineData("512B", 512L)]
    [InlineData("512 bytes", 512L)]
    [InlineData("1 byte", 1L)]
    [InlineData("10kB", 10_000L)]
    [InlineData("10 kilobytes", 10_000L)]
    [InlineData("2MB", 2_000_000L)]
    [InlineData("1 gigabyte", 1_000_000_000L)]
    [InlineData("64K", 65_536L)]
    [InlineData("64k", 65_536L)]
    [InlineData("64Ki", 65_536L)]
    [InlineData("64KiB", 65_536L)]
    [InlineData("64 kibibytes", 65_536L)]
    [InlineData("1.5K", 1536L)]
    [InlineData("16 MiB", 16L * 1024 * 1024)]
    [InlineData("2m", 2L * 1024 * 1024)]
    [InlineData("1G", 1L << 30)]
    [InlineData("1 TiB", 1L << 40)]
    [InlineData("1 TB", 1_000_000_000_000L)]
    [InlineData("4 EiB", 4L << 60)]
    public void HoconSizeTryParse_ValidText_GivesBytes(string text, long bytes)
    {
        Assert.True(HoconSize.TryParse(text, out var value));
        Assert.Equal(bytes, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("KB")]
    [InlineData("10 KB")]
    [InlineData("10 kb")]
    [InlineData("10 furlongs")]
    [InlineData("8 EiB")]
    [InlineData("1 YB")]
    [InlineData(null)]
    public void HoconSizeTryParse_InvalidText_ReturnsFalse(string? text) => Assert.False(HoconSize.TryParse(text, out _));

    [Fact]
    public void HoconDurationTryParse_NumberValueFromConfig_IsMilliseconds()
    {
        var root = HoconParser.Parse("idle-timeout = 30s\ngrace = 1500");

        Assert.True(HoconDuration.TryParse(((HoconScalar)root["idle-timeout"]!).Text, out var idle));
        Assert.True(HoconDuration.TryParse(((HoconScalar)root["grace"]!).Text, out var grace));
        Assert.Equal(TimeSpan.FromSeconds(30), idle);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), grace);
    }
}
