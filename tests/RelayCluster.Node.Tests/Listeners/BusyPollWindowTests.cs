using System.Diagnostics;
using RelayCluster.Node.Listeners;

namespace RelayCluster.Node.Tests.Listeners;

public class BusyPollWindowTests
{
    private static readonly long Max = TicksOf(TimeSpan.FromMicroseconds(50));

    [Fact]
    public void Ticks_Initially_IsClosed()
    {
        var window = Window(TimeSpan.FromMicroseconds(50));

        Assert.Equal(0, window.Ticks);
    }

    [Fact]
    public void Slept_WokenWithinTheMaximum_OpensFromAQuarterAndDoublesUpToTheMaximum()
    {
        var window = Window(TimeSpan.FromMicroseconds(50));

        var seen = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            window.Slept(Max / 2);
            seen.Add(window.Ticks);
        }

        Assert.Equal([Max / 4, Max / 2, Max, Max], seen);
    }

    [Fact]
    public void Slept_LongerThanTheMaximum_HalvesAndClosesBelowAQuarter()
    {
        var window = Window(TimeSpan.FromMicroseconds(50));
        for (var i = 0; i < 3; i++)
        {
            window.Slept(1);
        }

        var seen = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            window.Slept(Max + 1);
            seen.Add(window.Ticks);
        }

        Assert.Equal([Max / 2, Max / 4, 0], seen);
    }

    [Fact]
    public void Slept_WithoutAnEvent_Shrinks()
    {
        var window = Window(TimeSpan.FromMicroseconds(50));
        window.Slept(1);
        window.Slept(1);

        window.Slept(long.MaxValue);

        Assert.Equal(Max / 4, window.Ticks);
    }

    [Fact]
    public void Slept_WithBusyPollOff_NeverOpens()
    {
        var window = Window(TimeSpan.Zero);

        window.Slept(1);
        window.Slept(0);

        Assert.Equal(0, window.Ticks);
    }

    [Fact]
    public void Use_ASmallerSetting_KeepsTheOpenWindowWithinIt()
    {
        var window = Window(TimeSpan.FromMicroseconds(50));
        for (var i = 0; i < 3; i++)
        {
            window.Slept(1);
        }

        window.Use(TimeSpan.FromMicroseconds(10));

        Assert.Equal(TicksOf(TimeSpan.FromMicroseconds(10)), window.Ticks);
    }

    [Fact]
    public void Use_Zero_ClosesTheWindow()
    {
        var window = Window(TimeSpan.FromMicroseconds(50));
        window.Slept(1);

        window.Use(TimeSpan.Zero);
        window.Slept(1);

        Assert.Equal(0, window.Ticks);
    }

    private static BusyPollWindow Window(TimeSpan busyPoll)
    {
        var window = default(BusyPollWindow);
        window.Use(busyPoll);
        return window;
    }

    private static long TicksOf(TimeSpan time) => (long)(time.TotalSeconds * Stopwatch.Frequency);
}
