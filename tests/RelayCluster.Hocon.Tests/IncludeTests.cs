namespace RelayCluster.Hocon.Tests;

public sealed class IncludeTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Include_RelativePath_IsFoundBesideTheIncludingFile()
    {
        var main = _directory.Write("main.conf", "include \"sub/a.conf\"\nmain = 0");
        _directory.Write("sub/a.conf", "include \"b.conf\"\na = 1");
        _directory.Write("sub/b.conf", "b = 2");

        Assert.Equal("""{"b":2,"a":1,"main":0}""", Json(main));
    }

    [Fact]
    public void Include_FileAndRequiredForms_AllInclude()
    {
        var main = _directory.Write("main.conf",
            "include file(\"x.conf\")\ninclude required(\"y.conf\")\ninclude required(file(\"z.conf\"))\ninclude required( file( \"w.conf\" ) )");
        _directory.Write("x.conf", "x = 1");
        _directory.Write("y.conf", "y = 2");
        _directory.Write("z.conf", "z = 3");
        _directory.Write("w.conf", "w = 4");

        Assert.Equal("""{"x":1,"y":2,"z":3,"w":4}""", Json(main));
    }

    [Fact]
    public void Include_MissingFileNotRequired_IsIgnored()
    {
        var main = _directory.Write("main.conf", "include \"nope.conf\"\ninclude file(\"nope\")\na = 1");

        Assert.Equal("""{"a":1}""", Json(main));
    }

    [Fact]
    public void Include_MissingRequiredFile_ThrowsAtTheInclude()
    {
        var main = _directory.Write("main.conf", "a = 1\n  include required(\"nope\")");

        var error = Assert.Throws<HoconException>(() => HoconParser.ParseFile(main));

        Assert.Equal((main, 2, 3), (error.Position.File, error.Position.Line, error.Position.Column));
        Assert.Contains("the required include 'nope' was not found", error.Reason, StringComparison.Ordinal);
        Assert.Contains("nope.conf", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Include_Basename_LoadsEveryFormatWithHoconWinning()
    {
        var main = _directory.Write("main.conf", "include \"c\"");
        _directory.Write("c.properties", "c.fromProp=true\nc.fromConf=-1");
        _directory.Write("c.json", """{ "c": { "fromJson": 1, "fromConf": 0 } }""");
        _directory.Write("c.conf", "c.fromConf = 89");

        Assert.Equal("""{"c":{"fromProp":"true","fromConf":89,"fromJson":1}}""", Json(main));
    }

    [Fact]
    public void Include_InsideObject_LooksUpSubstitutionsUnderThatObjectFirst()
    {
        var main = _directory.Write("main.conf", "top = 5\na { include \"foo.conf\" }\na { x = 42 }");
        _directory.Write("foo.conf", "x = 10\ny = ${x}\nz = ${top}");

        Assert.Equal("""{"top":5,"a":{"x":42,"y":42,"z":5}}""", Json(main));
    }

    [Fact]
    public void Include_PlusEqualsInIncludedFile_AppendsUnderTheIncludingObject()
    {
        var main = _directory.Write("main.conf", "a { list = [1] }\na { include \"more.conf\" }");
        _directory.Write("more.conf", "list += 2");

        Assert.Equal("""{"a":{"list":[1,2]}}""", Json(main));
    }

    [Fact]
    public void Include_Properties_MapsKeysToPathsAndValuesToStrings()
    {
        var main = _directory.Write("main.conf", "include \"p.properties\"");
        _directory.Write("p.properties",
            "# comment\n! also a comment\na=hello\na.b=world\nport : 7000\nname value with spaces\nlong = one \\\n    two\nescaped = tab\\there \\u00e9\n");

        Assert.Equal("""{"a":{"b":"world"},"port":"7000","name":"value with spaces","long":"one two","escaped":"tab\there é"}""", Json(main));
    }

    [Fact]
    public void Include_JsonFile_IsParsed()
    {
        var main = _directory.Write("main.conf", "include \"b.json\"\nc = ${b}");
        _directory.Write("b.json", """{ "b": 507 }""");

        Assert.Equal("""{"b":507,"c":507}""", Json(main));
    }

    [Fact]
    public void Include_FileWithArrayRoot_Throws()
    {
        var main = _directory.Write("main.conf", "include \"list.json\"");
        var list = _directory.Write("list.json", "[1, 2]");

        var error = Assert.Throws<HoconException>(() => HoconParser.ParseFile(main));

        Assert.Equal((list, 1, 1), (error.Position.File, error.Position.Line, error.Position.Column));
        Assert.Contains("expected an object at the root of the file but found an array", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Include_Cycle_ThrowsNamingTheFiles()
    {
        var a = _directory.Write("a.conf", "include \"b.conf\"");
        var b = _directory.Write("b.conf", "x = 1\ninclude \"a.conf\"");

        var error = Assert.Throws<HoconException>(() => HoconParser.ParseFile(a));

        Assert.Equal((b, 2, 1), (error.Position.File, error.Position.Line, error.Position.Column));
        Assert.Equal("include cycle: a.conf -> b.conf -> a.conf", error.Reason);
    }

    [Fact]
    public void Include_DeeperThanMaxIncludeDepth_Throws()
    {
        for (var i = 0; i < 5; i++)
        {
            _directory.Write($"f{i}.conf", $"include \"f{i + 1}.conf\"");
        }

        var error = Assert.Throws<HoconException>(() =>
            HoconParser.ParseFile(Path.Combine(_directory.Path, "f0.conf"), new HoconParseOptions { MaxIncludeDepth = 3 }));

        Assert.Contains("more than 3 files deep (MaxIncludeDepth)", error.Reason, StringComparison.Ordinal);
        Assert.EndsWith("f2.conf", error.Position.File, StringComparison.Ordinal);
    }

    [Fact]
    public void Include_RepeatedIncludes_CountTowardsMaxInputLength()
    {
        _directory.Write("big.conf", "a = \"" + new string('x', 100) + "\"");
        var main = _directory.Write("main.conf", string.Join('\n', Enumerable.Repeat("include \"big.conf\"", 20)));

        var error = Assert.Throws<HoconException>(() => HoconParser.ParseFile(main, new HoconParseOptions { MaxInputLength = 1000 }));

        Assert.Contains("longer than 1000 characters in total", error.Reason, StringComparison.Ordinal);
        // main.conf itself is 379 characters and each include adds 106, so the sixth include crosses 1000.
        Assert.Equal((main, 6, 1), (error.Position.File, error.Position.Line, error.Position.Column));
    }

    [Fact]
    public void Include_ErrorInIncludedFile_IsPositionedInThatFile()
    {
        var main = _directory.Write("main.conf", "include \"bad.conf\"");
        var bad = _directory.Write("bad.conf", "a = 1\nb = {");

        var error = Assert.Throws<HoconException>(() => HoconParser.ParseFile(main));

        Assert.Equal((bad, 2, 6), (error.Position.File, error.Position.Line, error.Position.Column));
    }

    [Fact]
    public void Parse_TextWithFileName_IncludesRelativeToThatFile()
    {
        _directory.Write("x.conf", "x = 1");

        var root = HoconParser.Parse("include \"x.conf\"", Path.Combine(_directory.Path, "virtual.conf"));

        Assert.Equal("""{"x":1}""", HoconJson.ToJson(root, indented: false));
    }

    private static string Json(string path) => HoconJson.ToJson(HoconParser.ParseFile(path, Hocon.NoEnvironment()), indented: false);
}
