namespace RelayCluster.Hocon.Tests;

/// <summary>Parses test input and renders it as compact JSON, so expectations read as JSON.</summary>
internal static class Hocon
{
    public static string Json(string text, HoconParseOptions? options = null) =>
        HoconJson.ToJson(HoconParser.Parse(text, "test.conf", options ?? NoEnvironment()), indented: false);

    public static HoconException Error(string text, HoconParseOptions? options = null) =>
        Assert.Throws<HoconException>(() => HoconParser.Parse(text, "test.conf", options ?? NoEnvironment()));

    public static HoconParseOptions NoEnvironment() => new() { GetEnvironmentVariable = _ => null };
}
