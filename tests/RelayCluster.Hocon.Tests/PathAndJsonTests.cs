using System.Text;
using System.Text.Json;

namespace RelayCluster.Hocon.Tests;

public class PathAndJsonTests
{
    private static readonly HoconObject s_root = HoconParser.Parse("""
        relay {
          rules { "game.eu" { listen = 7000 }, list = [1, 2] }
          "" { empty = yes }
          10 { 5 = ten-five }
        }
        """);

    [Theory]
    [InlineData("relay.rules.\"game.eu\".listen", "7000")]
    [InlineData("relay.\"rules\".\"game.eu\".listen", "7000")]
    [InlineData("relay.\"\".empty", "yes")]
    [InlineData("relay.10.5", "ten-five")]
    [InlineData(" relay.rules.\"game.eu\".listen ", "7000")]
    public void GetPath_ExistingPath_FindsValue(string path, string text)
    {
        Assert.True(s_root.TryGetPath(path, out var value));
        Assert.Equal(text, Assert.IsType<HoconScalar>(value).Text);
        Assert.Same(value, s_root.GetPath(path));
    }

    [Theory]
    [InlineData("relay.missing")]
    [InlineData("relay.rules.game.eu.listen")]
    [InlineData("relay.rules.list.0")]
    [InlineData("relay.rules.\"game.eu\".listen.deeper")]
    public void GetPath_MissingPath_ReturnsNull(string path)
    {
        Assert.False(s_root.TryGetPath(path, out _));
        Assert.Null(s_root.GetPath(path));
    }

    [Theory]
    [InlineData("a..b")]
    [InlineData("")]
    [InlineData("a.")]
    [InlineData("a[0]")]
    [InlineData("${a}")]
    public void GetPath_MalformedPath_ThrowsHoconException(string path) =>
        Assert.Throws<HoconException>(() => s_root.GetPath(path));

    [Fact]
    public void GetPath_ObjectAtPath_ReturnsTheObject() =>
        Assert.Equal(["game.eu", "list"], Assert.IsType<HoconObject>(s_root.GetPath("relay.rules")).Fields.Select(f => f.Key));

    [Theory]
    [InlineData("a = 1.0, b = -2e5, c = 12345678901234567890123", """{"a":1.0,"b":-2e5,"c":12345678901234567890123}""")]
    [InlineData("a = true, b = false, c = null", """{"a":true,"b":false,"c":null}""")]
    [InlineData("a = \"q\\\"<>&é\\n\"", """{"a":"q\"<>&é\n"}""")]
    [InlineData("z = 1, a = 2, m = 3", """{"z":1,"a":2,"m":3}""")]
    [InlineData("a = [{}, [], \"\"]", """{"a":[{},[],""]}""")]
    public void ToJson_Values_RenderAsJson(string input, string expected) => Assert.Equal(expected, Hocon.Json(input));

    [Fact]
    public void ToJson_Indented_IsValidJsonWithNewlines()
    {
        var json = HoconJson.ToJson(HoconParser.Parse("a { b = [1, 2] }"));

        Assert.Contains('\n', json);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(2, document.RootElement.GetProperty("a").GetProperty("b")[1].GetInt32());
    }

    [Fact]
    public void Write_ToCallersWriter_WritesOneValue()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            HoconJson.Write(writer, HoconParser.Parse("a = 1"));
            HoconJson.Write(writer, HoconParser.Parse("b = [x]")["b"]!);
            writer.WriteEndArray();
        }

        Assert.Equal("""[{"a":1},["x"]]""", Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
