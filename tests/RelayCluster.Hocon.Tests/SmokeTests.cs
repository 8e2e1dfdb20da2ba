namespace RelayCluster.Hocon.Tests;

public class SmokeTests
{
    [Fact]
    public void Parse_Basic_Works()
    {
        Assert.Equal("""{"a":1,"b":{"c":"x y"},"d":[1,2],"e":1}""", Hocon.Json("a = 1\nb.c = x y\nd = [1]\nd += 2\ne = ${a}"));
    }
}
