namespace RelayCluster.Hocon.Tests;

public class SubstitutionTests
{
    [Theory]
    [InlineData("a = 1, b = ${a}", """{"a":1,"b":1}""")]
    [InlineData("b = ${a}, a = 1", """{"b":1,"a":1}""")]
    [InlineData("a { x = 1 }, b = ${a.x}", """{"a":{"x":1},"b":1}""")]
    [InlineData("a { x = 1 }, b = ${a}", """{"a":{"x":1},"b":{"x":1}}""")]
    [InlineData("a { \"x.y\" = 1 }, b = ${a.\"x.y\"}", """{"a":{"x.y":1},"b":1}""")]
    [InlineData("a = [1, 2], b = ${a}", """{"a":[1,2],"b":[1,2]}""")]
    [InlineData("a = null, b = ${a}", """{"a":null,"b":null}""")]
    [InlineData("a = true, b = ${a}", """{"a":true,"b":true}""")]
    [InlineData("a = 1.50, b = ${a}", """{"a":1.50,"b":1.50}""")]
    [InlineData("a = 1, b = ${ a }", """{"a":1,"b":1}""")]
    [InlineData("a = ${b}, b = ${c}, c = 3", """{"a":3,"b":3,"c":3}""")]
    [InlineData("a = [${b}, ${b}], b = 2", """{"a":[2,2],"b":2}""")]
    [InlineData("a { x = 1 }, a = ${?nothing}", """{"a":{"x":1}}""")]
    public void Resolve_Substitutions_LookUpFromTheRoot(string input, string expected) => Assert.Equal(expected, Hocon.Json(input));

    [Theory]
    [InlineData("a = ${?missing}", "{}")]
    [InlineData("a = 1, a = ${?missing}", """{"a":1}""")]
    [InlineData("a = [${?missing}, 1]", """{"a":[1]}""")]
    [InlineData("a = x${?missing}y", """{"a":"xy"}""")]
    [InlineData("a = ${?missing}${?other}", "{}")]
    [InlineData("a = [1] ${?missing}", """{"a":[1]}""")]
    [InlineData("a = { x = 1 } ${?missing}", """{"a":{"x":1}}""")]
    [InlineData("b = ${?missing}, c = ${?b}", "{}")]
    public void Resolve_MissingOptionalSubstitution_RemovesFieldOrIsEmpty(string input, string expected) =>
        Assert.Equal(expected, Hocon.Json(input));

    [Theory]
    [InlineData("a = ${RELAY_TEST_HOME}", """{"a":"/home/relay"}""")]
    [InlineData("a = ${?RELAY_TEST_HOME}", """{"a":"/home/relay"}""")]
    [InlineData("a = ${RELAY_TEST_HOME}/data", """{"a":"/home/relay/data"}""")]
    [InlineData("RELAY_TEST_HOME = null, a = ${RELAY_TEST_HOME}", """{"RELAY_TEST_HOME":null,"a":null}""")]
    [InlineData("RELAY_TEST_HOME = mine, a = ${RELAY_TEST_HOME}", """{"RELAY_TEST_HOME":"mine","a":"mine"}""")]
    [InlineData("a = ${?RELAY_TEST_EMPTY}", "{}")]
    [InlineData("a = ${?relay.test.dotted}", """{"a":"dotted"}""")]
    [InlineData("port = 1, port = ${?RELAY_TEST_UNSET}", """{"port":1}""")]
    public void Resolve_SubstitutionNotInConfig_FallsBackToEnvironment(string input, string expected)
    {
        var environment = new Dictionary<string, string>
        {
            ["RELAY_TEST_HOME"] = "/home/relay",
            ["RELAY_TEST_EMPTY"] = string.Empty,
            ["relay.test.dotted"] = "dotted",
        };
        var options = new HoconParseOptions { GetEnvironmentVariable = name => environment.GetValueOrDefault(name) };

        Assert.Equal(expected, Hocon.Json(input, options));
    }

    [Theory]
    [InlineData("path = \"a:b\"\npath = ${path}\":c\"", """{"path":"a:b:c"}""")]
    [InlineData("path = [/bin]\npath = ${path} [/usr/bin]", """{"path":["/bin","/usr/bin"]}""")]
    [InlineData("a = [1]\na = ${a} [2]\na = ${a} [3]", """{"a":[1,2,3]}""")]
    [InlineData("foo { a = 1 }\nfoo = ${foo}", """{"foo":{"a":1}}""")]
    [InlineData("foo { a = 1 }\nfoo = ${foo} { b = 2 }", """{"foo":{"a":1,"b":2}}""")]
    [InlineData("foo = ${?foo}", "{}")]
    [InlineData("a = ${?a}foo", """{"a":"foo"}""")]
    [InlineData("foo { a { c = 1 } }\nfoo = ${foo.a}\nfoo { a = 2 }", """{"foo":{"a":2,"c":1}}""")]
    [InlineData("foo = ${does-not-exist}\nfoo = 42", """{"foo":42}""")]
    [InlineData("foo = ${foo}\nfoo = 42", """{"foo":42}""")]
    [InlineData("x { a = 1 }\nx { a = ${x.a}0 }", """{"x":{"a":"10"}}""")]
    [InlineData("bar { foo = 42, baz = ${bar.foo} }", """{"bar":{"foo":42,"baz":42}}""")]
    [InlineData("bar { foo = 42, baz = ${bar.foo} }\nbar { foo = 43 }", """{"bar":{"foo":43,"baz":43}}""")]
    [InlineData("bar { a = ${foo.d}, b = 1 }\nbar.b = 3\nfoo { c = ${bar.b}, d = 2 }\nfoo.d = 4", """{"bar":{"a":4,"b":3},"foo":{"c":3,"d":4}}""")]
    [InlineData("base { size = 6 }\neast = ${base} { name = east }", """{"base":{"size":6},"east":{"size":6,"name":"east"}}""")]
    public void Resolve_SelfReference_SeesThePreviousValue(string input, string expected) => Assert.Equal(expected, Hocon.Json(input));

    [Fact]
    public void Resolve_MutualReferenceBetweenOverriddenKeys_GivesBothTheSameValue()
    {
        var root = HoconParser.Parse("a = 1\nb = 2\na = ${b}\nb = ${a}");

        Assert.Equal(((HoconScalar)root["a"]!).Text, ((HoconScalar)root["b"]!).Text);
    }

    [Fact]
    public void Resolve_SameObjectReferencedTwice_GivesEqualTrees()
    {
        var json = Hocon.Json("defaults { timeout = 5s, retries = [1, 2] }\na = ${defaults}\nb = ${defaults} { retries = [] }");

        Assert.Equal("""{"defaults":{"timeout":"5s","retries":[1,2]},"a":{"timeout":"5s","retries":[1,2]},"b":{"timeout":"5s","retries":[]}}""", json);
    }
}
