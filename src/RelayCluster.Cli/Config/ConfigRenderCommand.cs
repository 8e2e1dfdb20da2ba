using RelayCluster.Hocon;

namespace RelayCluster.Cli.Config;

/// <summary>
/// <c>relayctl config render FILE</c>: prints the resolved tree (merges, includes, substitutions done) as JSON, with
/// secrets redacted unless asked for.
/// </summary>
internal sealed class ConfigRenderCommand(CliContext context)
{
    /// <summary>Renders <paramref name="files"/>, each merged over the ones before it; exits 1 when they do not parse.</summary>
    public int Run(IReadOnlyList<string> files, bool showSecrets = false)
    {
        if (ConfigFiles.FindMissing(files, context.Error))
        {
            return ExitCodes.Error;
        }

        HoconObject root;
        try
        {
            root = HoconParser.ParseFiles(files);
        }
        catch (HoconException e)
        {
            context.Error.WriteLine($"{e.Position}: {e.Reason}");
            return ExitCodes.Error;
        }

        context.Output.WriteLine(HoconJson.ToJson(showSecrets ? root : SecretRedaction.Redact(root)));
        return ExitCodes.Ok;
    }
}
