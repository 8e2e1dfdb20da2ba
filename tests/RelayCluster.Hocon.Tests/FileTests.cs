namespace RelayCluster.Hocon.Tests;

public sealed class FileTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void ParseFile_Missing_ThrowsPositionedError()
    {
        var path = Path.Combine(_directory.Path, "missing.conf");

        var error = Assert.Throws<HoconException>(() => HoconParser.ParseFile(path));

        Assert.Equal((path, 1, 1), (error.Position.File, error.Position.Line, error.Position.Column));
        Assert.Contains("was not found", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseFile_Error_NamesTheFileAsGiven()
    {
        var path = _directory.Write("bad.conf", "a = [");

        var error = Assert.Throws<HoconException>(() => HoconParser.ParseFile(path));

        Assert.Equal($"{path}:1:6: expected ']' to close the array opened at 1:5 but reached the end of the file", error.Message);
    }

    [Fact]
    public void ParseFiles_Overlay_OverridesSingleFieldsOfObjects()
    {
        var baseFile = _directory.Write("base.conf", """
            relay {
              node { id = a, admin = "127.0.0.1:9110" }
              rules.game { listen = 7000, upstreams = ["10.0.0.1:7000"] }
            }
            """);
        var overlay = _directory.Write("overlay.conf", """
            relay.node.admin = "0.0.0.0:9110"
            relay.rules.game.upstreams += "10.0.0.2:7000"
            relay.rules.voice { listen = 7100 }
            """);

        var root = HoconParser.ParseFiles([baseFile, overlay]);

        Assert.Equal(
            """{"relay":{"node":{"id":"a","admin":"0.0.0.0:9110"},"rules":{"game":{"listen":7000,"upstreams":["10.0.0.1:7000","10.0.0.2:7000"]},"voice":{"listen":7100}}}}""",
            HoconJson.ToJson(root, indented: false));
    }

    [Fact]
    public void ParseFiles_Substitutions_ResolveAfterTheMerge()
    {
        var baseFile = _directory.Write("base.conf", "host = localhost\nurl = \"http://\"${host}\":80\"\npath = [a]");
        var overlay = _directory.Write("overlay.conf", "host = example\npath = ${path} [b]\nport = ${url}");

        var root = HoconParser.ParseFiles([baseFile, overlay]);

        Assert.Equal("""{"host":"example","url":"http://example:80","path":["a","b"],"port":"http://example:80"}""",
            HoconJson.ToJson(root, indented: false));
    }

    [Fact]
    public void ParseFiles_OverlayNonObject_ReplacesObjectButOverlayObjectsStillMerge()
    {
        // As with HOCON's withFallback: each file is one object; within the overlay "b = null, b { y = 2 }" is just b { y = 2 }.
        var baseFile = _directory.Write("base.conf", "a { x = 1 }\nb { x = 1 }");
        var overlay = _directory.Write("overlay.conf", "a = null\nb = null\nb { y = 2 }");

        var root = HoconParser.ParseFiles([baseFile, overlay]);

        Assert.Equal("""{"a":null,"b":{"x":1,"y":2}}""", HoconJson.ToJson(root, indented: false));
    }

    [Fact]
    public void ParseFiles_NoFiles_GivesEmptyObject() => Assert.Empty(HoconParser.ParseFiles([]).Fields);

    [Fact]
    public void ParseFile_JsonAndPropertiesFiles_AreRead()
    {
        var json = _directory.Write("a.json", """{ "a": [1, 2.5, true, null, "s"] }""");
        var properties = _directory.Write("b.properties", "b.c=1");

        Assert.Equal("""{"a":[1,2.5,true,null,"s"]}""", HoconJson.ToJson(HoconParser.ParseFile(json), indented: false));
        Assert.Equal("""{"b":{"c":"1"}}""", HoconJson.ToJson(HoconParser.ParseFile(properties), indented: false));
    }

    [Fact]
    public void Parse_Positions_PointAtKeysAndValues()
    {
        var root = HoconParser.Parse("a {\n  b = [1, \"x\"]\n}", "p.conf");
        var b = ((HoconObject)root["a"]!).GetField("b")!;
        var array = (HoconArray)b.Value;

        Assert.Equal(new HoconPosition("p.conf", 2, 3), b.KeyPosition);
        Assert.Equal(new HoconPosition("p.conf", 2, 7), array.Position);
        Assert.Equal(new HoconPosition("p.conf", 2, 11), array.Items[1].Position);
        Assert.Equal("p.conf:2:11", array.Items[1].Position.ToString());
    }
}
