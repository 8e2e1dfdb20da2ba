using System.CommandLine;
using System.CommandLine.Parsing;
using System.Net;

namespace RelayCluster.Bench.Common;

/// <summary>Builds the options that several commands share, with their parsers and validation.</summary>
internal static class BenchOptions
{
    public static Option<IPEndPoint> EndPoint(string name, string description) => new(name)
    {
        Description = description,
        Required = true,
        HelpName = "HOST:PORT",
        CustomParser = ParseEndPoint,
    };

    public static Option<int> Count(string name, string description, int defaultValue, int min, int max)
    {
        var option = new Option<int>(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
        };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value < min || value > max)
            {
                result.AddError($"{name} must be between {min} and {max}, not {value}.");
            }
        });
        return option;
    }

    private static IPEndPoint ParseEndPoint(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (EndPointParser.TryParse(text, out var endPoint, out var error))
        {
            return endPoint;
        }

        result.AddError(error);
        return new IPEndPoint(IPAddress.None, 0);
    }
}
