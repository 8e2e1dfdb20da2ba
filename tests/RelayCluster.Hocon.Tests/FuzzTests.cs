using System.Diagnostics;
using System.Text;

namespace RelayCluster.Hocon.Tests;

/// <summary>Random mutations of valid configurations: the parser may reject them, but only with a <see cref="HoconException"/>, quickly.</summary>
public sealed class FuzzTests : IDisposable
{
    private const int Seed = 20240611;
    private const int Cases = 12_000;

    private static readonly string[] s_seeds =
    [
        """
        relay {
          node { id = node-1, admin = "127.0.0.1:9110", shutdown-grace = 5s }
          rules {
            game { protocol = udp, listen = "0.0.0.0:7000", balance = least-sessions
                   upstreams = [ { address = "10.0.0.1:7000", weight = 2 }, "10.0.0.2:7000" ] }
            voice = ${relay.rules.game} { listen = "0.0.0.0:7100" }
          }
        }
        """,
        """
        # substitutions, self references and appends
        base { size = 6, tags = [a] }
        east = ${base} { name = east }
        path = "/bin"
        path = ${path}":/usr/bin"
        list = [1]
        list = ${list} [2]
        list += 3
        opt = ${?NOT_SET_ANYWHERE}
        home = ${?HOME}
        mix = foo ${base.size} "bar" 1.5 true null
        """,
        """"
        {
          "a" : 1, "b" : [1, 2.5e3, -0, true, false, null],
          c."d.e".f = """triple "quoted" text""",
          g = "esc\"apes\\ \u00e9\n\t",
          include "inc.conf"
          h { include required(file("inc.conf")) }
          i = ${h.included} ${a}
        }
        """",
    ];

    private static readonly string[] s_fragments =
    [
        "${", "${?", "}", "{", "[", "]", "\"\"\"", "\"", "include ", "include required(\"inc.conf\")", "include file(\"missing\")",
        "include classpath(\"x\")", "+=", "\n", ".", ",", ":", "=", "//", "#", "\\", "\\u", "\\u12", "a.b", "${a}", "${path}",
        "${relay.rules.game}", "${?x}", "[${list}]", "{ x = ${east} }", "null", "true", "1e", "-", "0.5", "\r\n", "\t", "\u00a0",
        "\uFEFF", "\ud800", "$", "+", "!", "`", "x = ${x}", "a = ${b}\nb = ${a}\n",
    ];

    private readonly TempDirectory _directory = new();

    public FuzzTests()
    {
        _directory.Write("inc.conf", "included = yes\nself = ${?self} [1]");
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Parse_RandomMutations_OnlyEverThrowHoconException()
    {
        var current = -1;
        var parsed = 0;
        var fileName = Path.Combine(_directory.Path, "fuzz.conf");
        var options = new HoconParseOptions { GetEnvironmentVariable = name => name == "HOME" ? "/home/relay" : null, MaxInputLength = 1 << 20 };
        var run = Task.Run(() =>
        {
            var random = new Random(Seed);
            for (var i = 0; i < Cases; i++)
            {
                Volatile.Write(ref current, i);
                var input = Mutate(random, s_seeds[random.Next(s_seeds.Length)]);
                var started = Stopwatch.GetTimestamp();
                try
                {
                    HoconJson.ToJson(HoconParser.Parse(input, fileName, options));
                    parsed++;
                }
                catch (HoconException)
                {
                }
                catch (Exception e)
                {
                    Assert.Fail($"seed {Seed}, case {i}: {e.GetType().Name}: {e.Message}\ninput:\n{input}");
                }

                var elapsed = Stopwatch.GetElapsedTime(started);
                Assert.True(elapsed < TimeSpan.FromSeconds(5), $"seed {Seed}, case {i} took {elapsed}\ninput:\n{input}");
            }
        });

        try
        {
            await run.WaitAsync(TimeSpan.FromSeconds(25));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"seed {Seed}: the fuzz run did not finish in time; it was at case {Volatile.Read(ref current)}");
        }

        // Both outcomes must be common, or the mutations are not exercising the parser.
        Assert.InRange(parsed, Cases / 10, Cases * 9 / 10);
    }

    [Theory]
    [InlineData("", "a{", 100_000, 512)]
    [InlineData("a = ", "[", 100_000, 260)]
    [InlineData("a = ", "{a:[", 50_000, 516)]
    [InlineData("", "a.", 100_000, 1)]
    [InlineData("", "{", 100_000, 2)]
    [InlineData("", "[", 100_000, 1)]
    public void Parse_VeryDeepNesting_ThrowsPositionedError(string prefix, string unit, int count, int column)
    {
        var input = prefix + string.Concat(Enumerable.Repeat(unit, count)) + "x = 1";

        var error = Assert.Throws<HoconException>(() => HoconParser.Parse(input));

        Assert.Equal((1, column), (error.Position.Line, error.Position.Column));
        if (unit is not ("{" or "["))
        {
            Assert.Contains("more than 256 levels deep (MaxDepth)", error.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Parse_LongSubstitutionChain_ResolvesOrThrowsHoconException()
    {
        var input = new StringBuilder();
        for (var i = 0; i < 100_000; i++)
        {
            input.Append('a').Append(i).Append(" = ${a").Append(i + 1).Append("}\n");
        }

        input.Append("a100000 = end\n");

        try
        {
            var root = HoconParser.Parse(input.ToString());
            Assert.Equal("end", ((HoconScalar)root["a0"]!).Text);
        }
        catch (HoconException e)
        {
            Assert.Contains("too deeply", e.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Parse_SelfReferencesAndCycles_ThrowHoconExceptionQuickly()
    {
        var input = new StringBuilder();
        for (var i = 0; i < 2_000; i++)
        {
            input.Append('c').Append(i).Append(" = ${c").Append((i + 1) % 2_000).Append("}\n");
        }

        var error = Assert.Throws<HoconException>(() => HoconParser.Parse(input.ToString()));

        Assert.Contains("substitution cycle", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a = ${?x}\n", "{}")]
    [InlineData("a = ${?x}\na { k = 1 }\n", "{\"a\":{\"k\":1}}")]
    [InlineData("a.b.c = ${?x}\n", "{\"a\":{\"b\":{}}}")]
    [InlineData("a = 1\na += 1\n", null)]
    public void Parse_ManyAssignmentsToOneKey_FinishQuickly(string line, string? expected)
    {
        var input = string.Concat(Enumerable.Repeat(line, 100_000));
        var started = Stopwatch.GetTimestamp();

        if (expected is null)
        {
            Assert.Throws<HoconException>(() => HoconParser.Parse(input));
        }
        else
        {
            Assert.Equal(expected, Hocon.Json(input));
        }

        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void Parse_ManyAppends_StayLinear()
    {
        var root = HoconParser.Parse(string.Concat(Enumerable.Repeat("a += 1\n", 100_000)));

        Assert.Equal(100_000, ((HoconArray)root["a"]!).Items.Count);
    }

    [Fact]
    public void Parse_VeryLongSelfReferenceChain_ResolvesOrThrowsHoconException()
    {
        var input = string.Concat(Enumerable.Repeat("a = ${?a} [1]\n", 20_000));

        try
        {
            Assert.Equal(20_000, ((HoconArray)HoconParser.Parse(input)["a"]!).Items.Count);
        }
        catch (HoconException e)
        {
            Assert.Contains("too deeply", e.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Parse_HugeInput_ParsesWithinLimits()
    {
        var input = new StringBuilder();
        for (var i = 0; i < 25_000; i++)
        {
            input.Append("rules.r").Append(i % 1000).Append(".u").Append(i).Append(" = { address = \"10.0.0.1:7000\", weight = ").Append(i).Append(" }\n");
        }

        var started = Stopwatch.GetTimestamp();
        var root = HoconParser.Parse(input.ToString());

        Assert.Equal(1000, ((HoconObject)root["rules"]!).Fields.Count);
        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(20));
        Assert.Throws<HoconException>(() => HoconParser.Parse(input.ToString(), options: new HoconParseOptions { MaxInputLength = 100_000 }));
    }

    private static string Mutate(Random random, string text)
    {
        var builder = new StringBuilder(text);
        var mutations = random.Next(1, 5);
        for (var m = 0; m < mutations; m++)
        {
            var at = random.Next(builder.Length + 1);
            switch (random.Next(6))
            {
                case 0:
                    builder.Insert(at, (char)random.Next(0, 128));
                    break;
                case 1 when builder.Length > 0:
                    builder.Remove(Math.Min(at, builder.Length - 1), 1);
                    break;
                case 2 when at < builder.Length:
                    builder[at] = (char)random.Next(0, 128);
                    break;
                case 3 when builder.Length > 0:
                    var start = random.Next(builder.Length);
                    var span = builder.ToString(start, random.Next(Math.Min(40, builder.Length - start)) + 1);
                    builder.Insert(random.Next(builder.Length + 1), span);
                    break;
                default:
                    builder.Insert(at, s_fragments[random.Next(s_fragments.Length)]);
                    break;
            }
        }

        return builder.ToString();
    }
}
