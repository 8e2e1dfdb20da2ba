using System.CommandLine;

namespace RelayCluster.Cli;

/// <summary>What every command needs: the global options, where to write, and the environment they default from.</summary>
internal sealed class CliContext
{
    /// <summary>The admin URL used when neither <c>--node</c> nor <c>$RELAYCTL_NODE</c> is given.</summary>
    public const string DefaultNode = "http://127.0.0.1:9110";

    /// <summary>Creates a context that writes to <paramref name="output"/> and <paramref name="error"/>.</summary>
    public CliContext(TextWriter output, TextWriter error, Func<string, string?> getEnvironmentVariable)
    {
        Output = output;
        Error = error;
        NodeOption = new Option<string>("--node")
        {
            Description = "The node's admin URL [default: $RELAYCTL_NODE, else " + DefaultNode + "]",
            HelpName = "URL",
            Recursive = true,
            DefaultValueFactory = _ => getEnvironmentVariable("RELAYCTL_NODE") is { Length: > 0 } node ? node : DefaultNode,
        };
        NodeOption.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!IsHttpUrl(value))
            {
                result.AddError($"--node expects an http:// or https:// URL such as {DefaultNode}, got '{value}'.");
            }
        });
        TokenOption = new Option<string?>("--token")
        {
            Description = "The admin token for commands that change state [default: $RELAY_ADMIN_TOKEN]",
            HelpName = "TOKEN",
            Recursive = true,
            DefaultValueFactory = _ => getEnvironmentVariable("RELAY_ADMIN_TOKEN") is { Length: > 0 } token ? token : null,
        };
        JsonOption = new Option<bool>("--json")
        {
            Description = "Write JSON for scripts instead of text for people",
            Recursive = true,
        };
    }

    /// <summary>Where results go.</summary>
    public TextWriter Output { get; }

    /// <summary>Where errors and diagnostics go.</summary>
    public TextWriter Error { get; }

    /// <summary>How long one admin API call may take before the node counts as unreachable.</summary>
    public TimeSpan RequestTimeout { get; init; } = Admin.AdminClient.DefaultTimeout;

    /// <summary><c>--node URL</c>: the admin URL of the node to talk to.</summary>
    public Option<string> NodeOption { get; }

    /// <summary><c>--token TOKEN</c>: the bearer token that mutations present.</summary>
    public Option<string?> TokenOption { get; }

    /// <summary><c>--json</c>: write JSON instead of text.</summary>
    public Option<bool> JsonOption { get; }

    /// <summary>The node URL given by <paramref name="parseResult"/>.</summary>
    public Uri GetNode(ParseResult parseResult) => new(parseResult.GetValue(NodeOption) ?? DefaultNode);

    /// <summary>The token given by <paramref name="parseResult"/>, or null.</summary>
    public string? GetToken(ParseResult parseResult) => parseResult.GetValue(TokenOption);

    /// <summary>Whether <paramref name="parseResult"/> asks for JSON.</summary>
    public bool IsJson(ParseResult parseResult) => parseResult.GetValue(JsonOption);

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
