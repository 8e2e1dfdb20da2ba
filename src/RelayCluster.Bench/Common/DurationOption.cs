using System.CommandLine;
using System.CommandLine.Parsing;

namespace RelayCluster.Bench.Common;

/// <summary>A duration option written as <c>500ms</c>, <c>10s</c> or <c>1m</c>, whose help shows its default the same way.</summary>
internal sealed class DurationOption
{
    private readonly TimeSpan _defaultValue;

    public DurationOption(string name, string description, TimeSpan defaultValue)
    {
        _defaultValue = defaultValue;
        Option = new Option<TimeSpan?>(name)
        {
            Description = $"{description} [default: {DurationParser.Format(defaultValue)}]",
            HelpName = "DURATION",
            CustomParser = Parse,
        };
    }

    public Option<TimeSpan?> Option { get; }

    public TimeSpan GetValue(ParseResult result) => result.GetValue(Option) ?? _defaultValue;

    private static TimeSpan? Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (DurationParser.TryParse(text, out var duration))
        {
            return duration;
        }

        result.AddError($"'{text}' is not a duration; expected e.g. 500ms, 0.2s, 10s or 1m.");
        return null;
    }
}
