using RelayCluster.Node.Rules;
using RelayCluster.Node.Sessions;
using RelayCluster.Node.Tests.Health;
using RelayCluster.Testing.Time;

namespace RelayCluster.Node.Tests.Rules;

public class RuleCountersTests
{
    [Fact]
    public void Dropped_FloodOfOneReason_OneLineEveryTenSecondsWithTheCountSinceTheLast()
    {
        var time = new ManualTimeProvider();
        var logger = new ListLogger();
        var counters = new RuleCounters("game", logger, time);

        for (var i = 0; i < 1_000; i++)
        {
            counters.Dropped(DropReason.RateLimited);
        }

        time.Advance(TimeSpan.FromSeconds(9));
        counters.Dropped(DropReason.RateLimited);
        Assert.Single(logger.Entries);

        time.Advance(TimeSpan.FromSeconds(1));
        counters.Dropped(DropReason.RateLimited);

        Assert.Equal(2, logger.Entries.Count);
        Assert.Contains("rate-limited", logger.Entries[0].Message, StringComparison.Ordinal);
        Assert.Contains(" 1 ", logger.Entries[0].Message, StringComparison.Ordinal);
        Assert.Contains(" 1001 ", logger.Entries[1].Message, StringComparison.Ordinal);
        Assert.Equal(1_002, counters.Drops(DropReason.RateLimited));
    }

    [Fact]
    public void LogPendingDrops_QuietAfterABurst_LogsTheRestOnceTheIntervalIsOver()
    {
        var time = new ManualTimeProvider();
        var logger = new ListLogger();
        var counters = new RuleCounters("game", logger, time);
        for (var i = 0; i < 50; i++)
        {
            counters.Dropped(DropReason.ClientLimit);
        }

        counters.Dropped(DropReason.NoUpstream);
        counters.LogPendingDrops();
        Assert.Equal(2, logger.Entries.Count);

        time.Advance(TimeSpan.FromSeconds(10));
        counters.LogPendingDrops();
        counters.LogPendingDrops();

        Assert.Equal(3, logger.Entries.Count);
        Assert.Contains("client-limit", logger.Entries[2].Message, StringComparison.Ordinal);
        Assert.Contains(" 49 ", logger.Entries[2].Message, StringComparison.Ordinal);
    }
}
