using RelayCluster.Core.Configuration;

namespace RelayCluster.Core.Tests.Configuration;

public class BusyPollConfigTests
{
    private const string Rule = """relay.rules.game { protocol = udp, listen = "0.0.0.0:27015", upstreams = ["10.0.0.11:27015"]""";
    private const string TcpRule = """relay.rules.web { protocol = tcp, listen = "0.0.0.0:8443", upstreams = ["10.0.0.11:8443"]""";

    [Theory]
    [InlineData(Rule + " }", 50)]
    [InlineData(TcpRule + " }", 50)]
    [InlineData(Rule + ", busy-poll = 0 }", 0)]
    [InlineData(Rule + ", busy-poll = 20us }", 20)]
    [InlineData(Rule + ", busy-poll = 1ms }", 1000)]
    public void Bind_BusyPoll_DefaultsTo50MicrosecondsAndTakesZeroToOneMillisecond(string text, int microseconds)
    {
        Assert.Equal(TimeSpan.FromMicroseconds(microseconds), ConfigText.Valid(text).Rules[0].BusyPoll);
    }

    [Theory]
    [InlineData(Rule + ", busy-poll = 2ms }", "2ms", "relay.rules.game.busy-poll: must be at most 1ms (a longer window burns a core between datagrams), got 2ms")]
    [InlineData(Rule + ", busy-poll = -5us }", "-5us", "relay.rules.game.busy-poll: must be 0 or more, got '-5us'")]
    [InlineData(Rule + ", busy-poll = fast }", "fast", "relay.rules.game.busy-poll: expected a duration such as 500ms or 2s, got 'fast'")]
    [InlineData(TcpRule + ", busy-poll = 50us }", "50us", "relay.rules.web.busy-poll: busy-poll sets how long a udp rule's epoll workers poll before they sleep; a tcp rule has no such setting, remove it")]
    public void Bind_BadBusyPoll_ReportsItWithPositionAndMessage(string text, string marker, string message)
    {
        var error = ConfigText.SingleError(text);

        Assert.Equal($"{ConfigText.File}:1:{ConfigText.ColumnOf(text, marker)}: {message}", error.ToString());
    }

    [Fact]
    public void Equals_RulesDifferingOnlyInBusyPoll_AreDifferent()
    {
        var polling = ConfigText.Valid(Rule + " }").Rules[0];
        var sleeping = ConfigText.Valid(Rule + ", busy-poll = 0 }").Rules[0];

        Assert.NotEqual(polling, sleeping);
    }
}
