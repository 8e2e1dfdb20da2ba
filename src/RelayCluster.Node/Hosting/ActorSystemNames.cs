namespace RelayCluster.Node.Hosting;

/// <summary>Turns <c>relay.cluster.name</c> into a valid Akka.NET actor system name.</summary>
internal static class ActorSystemNames
{
    /// <summary>
    /// <paramref name="clusterName"/> with every character other than a letter, digit, <c>-</c> or <c>_</c> replaced by
    /// <c>-</c>, and <c>relay-</c> in front when it does not start with a letter or digit.
    /// </summary>
    public static string From(string clusterName)
    {
        var name = string.Concat(clusterName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-'));
        return name.Length > 0 && char.IsAsciiLetterOrDigit(name[0]) ? name : $"relay-{name}";
    }
}
