namespace RelayCluster.Node.Tests.Metrics;

public class PrometheusTextCheckerTests
{
    private const string Valid = """
        # HELP a_total A counter.
        # TYPE a_total counter
        a_total{rule="x\"y\\z\n"} 3
        # TYPE b gauge
        b 1.5
        # TYPE h histogram
        h_bucket{le="1"} 1
        h_bucket{le="+Inf"} 2
        h_sum 4
        h_count 2

        """;

    public static TheoryData<string, string> Invalid => new()
    {
        { "no TYPE", "a_total 1\n" },
        { "TYPE twice", "# TYPE a_total counter\n# TYPE a_total counter\na_total 1\n" },
        { "HELP twice", "# HELP b One.\n# HELP b Two.\n# TYPE b gauge\nb 1\n" },
        { "negative counter", "# TYPE a_total counter\na_total -1\n" },
        { "bucket without le", "# TYPE h histogram\nh_bucket 1\nh_sum 1\nh_count 1\n" },
        { "counter without _total", "# TYPE a counter\na 1\n" },
        { "duplicate series", "# TYPE b gauge\nb{x=\"1\"} 1\nb{x=\"1\"} 2\n" },
        { "families interleaved", "# TYPE b gauge\n# TYPE c gauge\nb 1\nc 1\nb{x=\"1\"} 1\n" },
        { "bad name", "# TYPE 1b gauge\n1b 1\n" },
        { "bad escape", "# TYPE b gauge\nb{x=\"\\t\"} 1\n" },
        { "unquoted label", "# TYPE b gauge\nb{x=1} 1\n" },
        { "bad number", "# TYPE b gauge\nb one\n" },
        { "other comment", "# just a comment\n" },
        { "empty line", "# TYPE b gauge\n\nb 1\n" },
        { "no final line feed", "# TYPE b gauge\nb 1" },
        { "buckets not cumulative", "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n" },
        { "no +Inf bucket", "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n" },
        { "+Inf is not count", "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 1\n" },
    };

    [Fact]
    public void Check_ValidText_ReturnsSamplesWithUnescapedLabels()
    {
        var exposition = PrometheusTextChecker.Check(Valid.ReplaceLineEndings("\n"));

        Assert.Equal(3, exposition.Value("a_total", ("rule", "x\"y\\z\n")));
        Assert.Equal(1.5, exposition.Value("b"));
        Assert.Equal("histogram", exposition.Types["h"]);
        Assert.Equal(2, exposition.Value("h_bucket", ("le", "+Inf")));
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Check_InvalidText_Fails(string what, string text)
    {
        var failure = Record.Exception(() => PrometheusTextChecker.Check(text));

        Assert.True(failure is not null, $"accepted: {what}");
    }
}
