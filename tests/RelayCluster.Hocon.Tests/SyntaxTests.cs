namespace RelayCluster.Hocon.Tests;

public class SyntaxTests
{
    [Theory]
    [InlineData("a = 1 # hash comment\nb = 2 // slash comment", """{"a":1,"b":2}""")]
    [InlineData("# only a comment\n// and another", "{}")]
    [InlineData("a = \"# not // a comment\"", """{"a":"# not // a comment"}""")]
    [InlineData("a = x//y", """{"a":"x"}""")]
    [InlineData("a = x#y", """{"a":"x"}""")]
    [InlineData("a { # comment after the brace\n b = 1 }", """{"a":{"b":1}}""")]
    public void Parse_Comments_AreIgnored(string input, string expected) => Assert.Equal(expected, Hocon.Json(input));

    [Theory]
    [InlineData("{ a = 1 }", """{"a":1}""")]
    [InlineData("a = 1", """{"a":1}""")]
    [InlineData("", "{}")]
    [InlineData(" \n\t\n ", "{}")]
    [InlineData("{}", "{}")]
    [InlineData("\uFEFFa = 1", """{"a":1}""")]
    [InlineData("a = 1\r\nb = 2\r\n", """{"a":1,"b":2}""")]
    public void Parse_RootBraces_AreOptional(string input, string expected) => Assert.Equal(expected, Hocon.Json(input));

    [Theory]
    [InlineData("a : 1", """{"a":1}""")]
    [InlineData("a = 1", """{"a":1}""")]
    [InlineData("a { b = 1 }", """{"a":{"b":1}}""")]
    [InlineData("a = { b = 1 }", """{"a":{"b":1}}""")]
    [InlineData("a : { b : 1 }", """{"a":{"b":1}}""")]
    [InlineData("a{b=1}", """{"a":{"b":1}}""")]
    [InlineData("a\n:\n1", """{"a":1}""")]
    public void Parse_Separators_AllMeanTheSame(string input, string expected) => Assert.Equal(expected, Hocon.Json(input));

    [Theory]
    [InlineData("a = foo bar", """{"a":"foo bar"}""")]
    [InlineData("a =   foo   bar  ", """{"a":"foo   bar"}""")]
    [InlineData("a = /usr/local/bin", """{"a":"/usr/local/bin"}""")]
    [InlineData("a = 10s", """{"a":"10s"}""")]
    [InlineData("a = 1.2.3", """{"a":"1.2.3"}""")]
    [InlineData("a = truefoo", """{"a":"truefoo"}""")]
    [InlineData("a = footrue", """{"a":"footrue"}""")]
    [InlineData("a = -foo", """{"a":"-foo"}""")]
    [InlineData("a = include", """{"a":"include"}""")]
    [InlineData("a = foo.bar-baz_1", """{"a":"foo.bar-baz_1"}""")]
    [InlineData("a = héllo wörld", """{"a":"héllo wörld"}""")]
    [InlineData("a = yes, b = no, c = on, d = off", """{"a":"yes","b":"no","c":"on","d":"off"}""")]
    public void Parse_UnquotedStrings_AreStrings(string input, string expected) => Assert.Equal(expected, Hocon.Json(input));

    [Theory]
    [InlineData("a = \"plain\"", "plain")]
    [InlineData("a = \"q\\\"b\\\\s\\/\"", "q\"b\\s/")]
    [InlineData("a = \"\\b\\f\\n\\r\\t\"", "\b\f\n\r\t")]
    [InlineData("a = \"\\u00e9\\u00E9\"", "éé")]
    [InlineData("a = \"\\ud83d\\ude00\"", "\U0001F600")]
    [InlineData("a = \"\"", "")]
    [InlineData("a = \"${not.a.substitution}\"", "${not.a.substitution}")]
    [InlineData("a = \"\"\"triple\"\"\"", "triple")]
    [InlineData("a = \"\"\"two\nlines\"\"\"", "two\nlines")]
    [InlineData("a = \"\"\"raw \\n \\u0041\"\"\"", "raw \\n \\u0041")]
    [InlineData("a = \"\"\" \"quoted\" \"\"\"", " \"quoted\" ")]
    [InlineData("a = \"\"\"x\"\"\"\"", "x\"")]
    [InlineData("a = \"\"\"\"\"\"", "")]
    public void Parse_QuotedStrings_UnescapeAsJson(string input, string expected)
    {
        var value = Assert.IsType<HoconScalar>(HoconParser.Parse(input)["a"]);
        Assert.Equal(HoconKind.String, value.Kind);
        Assert.Equal(expected, value.Text);
    }

    [Theory]
    [InlineData("a = 1", HoconKind.Number, "1")]
    [InlineData("a = 1.0", HoconKind.Number, "1.0")]
    [InlineData("a = -5", HoconKind.Number, "-5")]
    [InlineData("a = 0", HoconKind.Number, "0")]
    [InlineData("a = 1e10", HoconKind.Number, "1e10")]
    [InlineData("a = 1.5E-3", HoconKind.Number, "1.5E-3")]
    [InlineData("a = 2e+5", HoconKind.Number, "2e+5")]
    [InlineData("a = 12345678901234567890123", HoconKind.Number, "12345678901234567890123")]
    [InlineData("a = \"1\"", HoconKind.String, "1")]
    [InlineData("a = true", HoconKind.Boolean, "true")]
    [InlineData("a = false", HoconKind.Boolean, "false")]
    [InlineData("a = null", HoconKind.Null, "null")]
    [InlineData("a = yes", HoconKind.String, "yes")]
    [InlineData("a = \"true\"", HoconKind.String, "true")]
    [InlineData("a = 1 2", HoconKind.String, "1 2")]
    [InlineData("a = true false", HoconKind.String, "true false")]
    [InlineData("a = null x", HoconKind.String, "null x")]
    [InlineData("a = 10.0foo", HoconKind.String, "10.0foo")]
    public void Parse_Scalars_KeepKindAndText(string input, HoconKind kind, string text)
    {
        var value = Assert.IsType<HoconScalar>(HoconParser.Parse(input)["a"]);
        Assert.Equal(kind, value.Kind);
        Assert.Equal(text, value.Text);
    }

    [Theory]
    [InlineData("a = foo \"bar\" 42", """{"a":"foo bar 42"}""")]
    [InlineData("a = \"x\"y\"z\"", """{"a":"xyz"}""")]
    [InlineData("a = \"x\"  \"y\"", """{"a":"x  y"}""")]
    [InlineData("a = [1, 2] [3]", """{"a":[1,2,3]}""")]
    [InlineData("a = [1]\n[2]", null)]
    [InlineData("a = { x = 1 } { y = 2 }", """{"a":{"x":1,"y":2}}""")]
    [InlineData("a = { x = 1 } { x = 2 }", """{"a":{"x":2}}""")]
    [InlineData("a { x = 1 } { y = 2 }", """{"a":{"x":1,"y":2}}""")]
    [InlineData("x = foo, y = bar, a = ${x} ${y}", """{"x":"foo","y":"bar","a":"foo bar"}""")]
    [InlineData("x = foo, a = ${x}\" is \"${x}", """{"x":"foo","a":"foo is foo"}""")]
    [InlineData("x = 8080, a = port ${x}", """{"x":8080,"a":"port 8080"}""")]
    [InlineData("x = [1], a = ${x} [2] ${x}", """{"x":[1],"a":[1,2,1]}""")]
    [InlineData("x = { p = 1 }, a = ${x} { q = 2 }", """{"x":{"p":1},"a":{"p":1,"q":2}}""")]
    [InlineData("x = null, a = ${x}foo", """{"x":null,"a":"nullfoo"}""")]
    public void Parse_Concatenation_JoinsValues(string input, string? expected)
    {
        if (expected is null)
        {
            Assert.Throws<HoconException>(() => Hocon.Json(input));
            return;
        }

        Assert.Equal(expected, Hocon.Json(input));
    }

    [Theory]
    [InlineData("a = [1,2,3,]", """{"a":[1,2,3]}""")]
    [InlineData("a = [1\n2\n3]", """{"a":[1,2,3]}""")]
    [InlineData("a = [\n  1,\n  2\n]", """{"a":[1,2]}""")]
    [InlineData("a = [ [1, 2] [3, 4] ]", """{"a":[[1,2,3,4]]}""")]
    [InlineData("a = [ [1, 2]\n [3, 4] ]", """{"a":[[1,2],[3,4]]}""")]
    [InlineData("a = [ 1 2 3 4 ]", """{"a":["1 2 3 4"]}""")]
    [InlineData("a = [{ x = 1 }, { y = [] }]", """{"a":[{"x":1},{"y":[]}]}""")]
    [InlineData("a = [[[]]]", """{"a":[[[]]]}""")]
    [InlineData("a = []", """{"a":[]}""")]
    [InlineData("a = [include]", """{"a":["include"]}""")]
    [InlineData("a = 1,", """{"a":1}""")]
    [InlineData("{ a = 1, b = 2, }", """{"a":1,"b":2}""")]
    [InlineData("a = 1\n\n\nb = 2", """{"a":1,"b":2}""")]
    [InlineData("a = [\n  x\n  , y\n]", """{"a":["x","y"]}""")]
    [InlineData("a = 1\n, b = 2", """{"a":1,"b":2}""")]
    public void Parse_ArraysAndSeparators_FollowTheCommaRules(string input, string expected) => Assert.Equal(expected, Hocon.Json(input));

    [Theory]
    [InlineData("a.b.c = 1", """{"a":{"b":{"c":1}}}""")]
    [InlineData("\"a.b\".c = 1", """{"a.b":{"c":1}}""")]
    [InlineData("a.\"b.c\" = 1", """{"a":{"b.c":1}}""")]
    [InlineData("\"a\" = 1", """{"a":1}""")]
    [InlineData("a b c = 1", """{"a b c":1}""")]
    [InlineData("true = 1", """{"true":1}""")]
    [InlineData("3 = 1", """{"3":1}""")]
    [InlineData("3.14 = 1", """{"3":{"14":1}}""")]
    [InlineData("10.0foo = 1", """{"10":{"0foo":1}}""")]
    [InlineData("foo10.0 = 1", """{"foo10":{"0":1}}""")]
    [InlineData("foo\"10.0\" = 1", """{"foo10.0":1}""")]
    [InlineData("a.\"\".b = 1", """{"a":{"":{"b":1}}}""")]
    [InlineData("foo include = 1", """{"foo include":1}""")]
    [InlineData("\"include\" = 1", """{"include":1}""")]
    [InlineData("a.x = 1, a.y = 2", """{"a":{"x":1,"y":2}}""")]
    [InlineData("a-b_c = 1", """{"a-b_c":1}""")]
    public void Parse_KeysArePathExpressions(string input, string expected) => Assert.Equal(expected, Hocon.Json(input));

    [Theory]
    [InlineData("a = { x = 1 }, a = { y = 2 }", """{"a":{"x":1,"y":2}}""")]
    [InlineData("a = { x = 1 }, a = null, a = { y = 2 }", """{"a":{"y":2}}""")]
    [InlineData("a = { x = 1 }, a = 5", """{"a":5}""")]
    [InlineData("a = 5, a = { x = 1 }", """{"a":{"x":1}}""")]
    [InlineData("a = [1], a = [2]", """{"a":[2]}""")]
    [InlineData("a = 1, a = 2", """{"a":2}""")]
    [InlineData("b = 1, a = 2, b = 3", """{"b":3,"a":2}""")]
    [InlineData("a { x { p = 1 } }, a { x { q = 2 }, y = 3 }", """{"a":{"x":{"p":1,"q":2},"y":3}}""")]
    [InlineData("a.b = 1, a = { c = 2 }", """{"a":{"b":1,"c":2}}""")]
    [InlineData("a = 1, a.b = 2", """{"a":{"b":2}}""")]
    public void Parse_DuplicateKeys_MergeObjectsAndOverrideOthers(string input, string expected) => Assert.Equal(expected, Hocon.Json(input));

    [Theory]
    [InlineData("a = [1], a += 2", """{"a":[1,2]}""")]
    [InlineData("a += 1", """{"a":[1]}""")]
    [InlineData("a += 1, a += 2", """{"a":[1,2]}""")]
    [InlineData("a += { x = 1 }", """{"a":[{"x":1}]}""")]
    [InlineData("a += [1]", """{"a":[[1]]}""")]
    [InlineData("x { a = [1] }, x.a += 2", """{"x":{"a":[1,2]}}""")]
    [InlineData("x { a += 1, a += 2 }", """{"x":{"a":[1,2]}}""")]
    [InlineData("b = [1], a = ${b}, a += 2", """{"b":[1],"a":[1,2]}""")]
    [InlineData("a += ${b}, b = 3", """{"a":[3],"b":3}""")]
    public void Parse_PlusEquals_AppendsToArray(string input, string expected) => Assert.Equal(expected, Hocon.Json(input));
}
