namespace RelayCluster.Hocon.Tests;

public class ErrorTests
{
    [Theory]
    [InlineData("a {\n  b = 1\n", 3, 1, "expected '}' to close the object opened at 1:3 but reached the end of the file")]
    [InlineData("{ a = 1", 1, 8, "expected '}' to close the object opened at 1:1")]
    [InlineData("a = [1,\n2", 2, 2, "expected ']' to close the array opened at 1:5 but reached the end of the file")]
    [InlineData("a = \"abc\nb = 1", 1, 5, "expected '\"' to close the string")]
    [InlineData("a = \"abc", 1, 5, "but reached the end of the file")]
    [InlineData("a = \"abc\r\nb = 1", 1, 5, "but reached the end of the line")]
    [InlineData("a = \"\"\"abc\n\n", 1, 5, "expected '\"\"\"' to close the triple-quoted string")]
    [InlineData("a = \"x\\qy\"", 1, 7, "bad escape '\\q'")]
    [InlineData("a = \"\\u12G4\"", 1, 6, "expected four hex digits after \\u")]
    [InlineData("a = \"tab\there\"", 1, 9, "control character U+0009")]
    [InlineData("a = 1\nb = ${c}", 2, 5, "could not resolve ${c}")]
    [InlineData("a = ${b}\nb = ${c}\nc = ${a}", 3, 5, "substitution cycle: ${b} -> ${c} -> ${a} -> ${b}")]
    [InlineData("a = ${a}", 1, 5, "substitution cycle")]
    [InlineData("a { b = ${a} }", 1, 3, "contains itself")]
    [InlineData("a = [${a}]", 1, 5, "contains itself")]
    [InlineData("include required(\"does-not-exist.conf\")", 1, 1, "the required include 'does-not-exist.conf' was not found")]
    [InlineData("include foo(\"x.conf\")", 1, 9, "unknown include form 'foo('")]
    [InlineData("include 42", 1, 9, "expected a quoted file name after include")]
    [InlineData("include file(\"x.conf\"", 1, 22, "expected 1 ')'")]
    [InlineData("include = 1", 1, 9, "expected a quoted file name after include")]
    [InlineData("include classpath(\"x.conf\")", 1, 1, "classpath(...) is not supported")]
    [InlineData("include url(\"https://example.com/x.conf\")", 1, 1, "including URLs is not supported")]
    [InlineData("include \"https://example.com/x.conf\"", 1, 1, "including URLs is not supported")]
    [InlineData("a", 1, 2, "expected ':', '=', '+=' or '{' after the key 'a', found the end of the file")]
    [InlineData("a\nb = 1", 2, 1, "expected ':', '=', '+=' or '{' after the key 'a', found 'b'")]
    [InlineData("a =", 1, 4, "expected a value for the key 'a', found the end of the file")]
    [InlineData("a = }", 1, 5, "expected a value for the key 'a', found '}'")]
    [InlineData("a = 1\n}", 2, 1, "unexpected '}': there is no open '{' for it to close")]
    [InlineData("a = 1 ]", 1, 7, "unexpected ']'")]
    [InlineData("a { b = 1 ]", 1, 11, "unexpected ']': expected a key or '}' to close the object opened at 1:3")]
    [InlineData("a = [1 }", 1, 8, "expected ',', a newline or ']' after an element of the array opened at 1:5, found '}'")]
    [InlineData("a = 1\na += 2", 2, 1, "'+=' appends to an array, but 'a' is the number 1")]
    [InlineData("a = foo!bar", 1, 8, "the character '!' is not allowed in unquoted text")]
    [InlineData("a = 127.0.0.1:7000", 1, 14, "expected ',' or a newline after the value of 'a', found ':'")]
    [InlineData("a = $x", 1, 5, "'$' is only allowed to start a substitution")]
    [InlineData("a = 1 + 2", 1, 7, "'+' is only allowed as part of '+='")]
    [InlineData("a = ${b", 1, 5, "expected '}' to close the substitution")]
    [InlineData("a = ${b!}", 1, 8, "the character '!' is not allowed in a substitution path")]
    [InlineData("a = ${}", 1, 7, "expected a path but found nothing")]
    [InlineData("a = { x = 1 } foo", 1, 15, "cannot concatenate an object with the string \"foo\"")]
    [InlineData("a = [1] { x = 1 }", 1, 9, "cannot concatenate an array with an object")]
    [InlineData("x { y = 1 }\na = ${x} foo", 2, 10, "cannot concatenate an object with the string \"foo\"")]
    [InlineData("a..b = 1", 1, 3, "a path may not contain '..'")]
    [InlineData(".a = 1", 1, 1, "a path may not start with '.'")]
    [InlineData("a. = 1", 1, 4, "a path may not end with '.'")]
    [InlineData("${a} = 1", 1, 1, "substitutions are not allowed in keys")]
    [InlineData("[1, 2]", 1, 1, "expected an object at the root of the file but found an array")]
    [InlineData("{ a = 1 } b = 2", 1, 11, "expected the end of the file after the '}'")]
    [InlineData("a = [1,,2]", 1, 8, "unexpected ','")]
    [InlineData("a = [,1]", 1, 6, "unexpected ','")]
    [InlineData("a = 1,,b = 2", 1, 7, "unexpected ','")]
    [InlineData("a = [1\n,\n,2]", 3, 1, "unexpected ','")]
    [InlineData("a = [1,\n,2]", 2, 1, "unexpected ','")]
    [InlineData("a = 1 b = 2", 1, 9, "expected ',' or a newline after the value of 'a', found '='")]
    public void Parse_MalformedInput_ThrowsPositionedError(string input, int line, int column, string reason)
    {
        var error = Hocon.Error(input);

        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.Equal(("test.conf", line, column), (error.Position.File, error.Position.Line, error.Position.Column));
        Assert.Equal($"test.conf:{line}:{column}: {error.Reason}", error.Message);
    }

    [Theory]
    [InlineData("a = [[[[1]]]]", 1, 8)]
    [InlineData("a { b { c { d { e = 1 } } } }", 1, 15)]
    [InlineData("a.b.c.d.e = 1", 1, 1)]
    [InlineData("a = { b = { c = ${x} } }, x = { y = { z = 1 } }", 1, 37)]
    public void Parse_NestingDeeperThanMaxDepth_ThrowsPositionedError(string input, int line, int column)
    {
        // The root object is the first level.
        Assert.Equal("""{"a":{"b":{"c":{"d":1}}}}""", Hocon.Json("a.b.c.d = 1", new HoconParseOptions { MaxDepth = 4 }));
        var error = Hocon.Error(input, new HoconParseOptions { MaxDepth = 4, GetEnvironmentVariable = _ => null });

        Assert.Contains("more than 4 levels deep (MaxDepth)", error.Reason, StringComparison.Ordinal);
        Assert.Equal((line, column), (error.Position.Line, error.Position.Column));
    }

    [Fact]
    public void Parse_InputLongerThanMaxInputLength_ThrowsPositionedError()
    {
        var error = Hocon.Error("a = 1234567890", new HoconParseOptions { MaxInputLength = 10 });

        Assert.Contains("longer than 10 characters", error.Reason, StringComparison.Ordinal);
        Assert.Equal((1, 1), (error.Position.Line, error.Position.Column));
    }

    [Fact]
    public void Parse_SubstitutionsDoublingAString_StopAtMaxInputLength()
    {
        var lines = new List<string> { "s0 = xxxxxxxxxx" };
        for (var i = 1; i <= 40; i++)
        {
            lines.Add($"s{i} = ${{s{i - 1}}}${{s{i - 1}}}");
        }

        var error = Hocon.Error(string.Join('\n', lines), new HoconParseOptions { MaxInputLength = 100_000 });

        Assert.Contains("longer than 100000 (MaxInputLength)", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SubstitutionsNestingArrays_StopBeforeExpandingExponentially()
    {
        var lines = new List<string> { "a0 = [1, 2, 3, 4]" };
        for (var i = 1; i <= 40; i++)
        {
            lines.Add($"a{i} = [${{a{i - 1}}}, ${{a{i - 1}}}]");
        }

        var error = Hocon.Error(string.Join('\n', lines), new HoconParseOptions { MaxInputLength = 100_000 });

        Assert.Contains("counting every value", error.Reason, StringComparison.Ordinal);
    }
}
