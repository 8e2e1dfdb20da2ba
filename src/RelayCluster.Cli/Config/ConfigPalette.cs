using System.CommandLine;

namespace RelayCluster.Cli.Config;

/// <summary><c>relayctl config</c>: offline commands on HOCON config files; they never contact a node.</summary>
internal sealed class ConfigPalette : ICommandPalette
{
    /// <inheritdoc />
    public Command Build(CliContext context) => new("config", "Render and check config files, offline")
    {
        BuildRender(context),
        BuildCheck(context),
    };

    private static Command BuildRender(CliContext context)
    {
        var (file, overlays) = FileArguments();
        var showSecrets = new Option<bool>("--show-secrets")
        {
            Description = "Print secrets (keys named token, password, passphrase or secret) as written instead of \"" + SecretRedaction.Redacted + "\"",
        };
        var render = new Command("render", "Print the fully resolved config as JSON") { file, overlays, showSecrets };
        render.SetAction(parseResult => new ConfigRenderCommand(context).Run(Files(parseResult, file, overlays), parseResult.GetValue(showSecrets)));
        return render;
    }

    private static Command BuildCheck(CliContext context)
    {
        var (file, overlays) = FileArguments();
        var check = new Command("check", "Validate a config; print every error as file:line:col: message") { file, overlays };
        check.SetAction(parseResult => new ConfigCheckCommand(context).Run(Files(parseResult, file, overlays), context.IsJson(parseResult)));
        return check;
    }

    private static (Argument<string> File, Option<string[]> Overlays) FileArguments() =>
    (
        new Argument<string>("FILE") { Description = "The config file, such as relay.hocon" },
        new Option<string[]>("--config")
        {
            Description = "A file merged over FILE, as relay-node --config does; may be repeated",
            HelpName = "OVERLAY",
            DefaultValueFactory = _ => [],
        }
    );

    private static string[] Files(ParseResult parseResult, Argument<string> file, Option<string[]> overlays) =>
        [parseResult.GetRequiredValue(file), .. parseResult.GetValue(overlays) ?? []];
}
