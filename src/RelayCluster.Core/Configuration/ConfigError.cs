using RelayCluster.Hocon;

namespace RelayCluster.Core.Configuration;

/// <summary>One problem in a config: where it is and what is wrong, naming the key path, the bad value and what is allowed.</summary>
/// <param name="Position">Where the problem is: the bad value, or the key for an unknown or missing key.</param>
/// <param name="Message">What is wrong, starting with the key path, as in <c>relay.rules.game.session.max: ...</c>.</param>
public sealed record ConfigError(HoconPosition Position, string Message)
{
    /// <summary>The error as <c>file:line:col: message</c>, the form compilers and editors understand.</summary>
    public override string ToString() =>
        Position.Line > 0 ? $"{Position}: {Message}"
        : string.IsNullOrEmpty(Position.File) ? Message
        : $"{Position.File}: {Message}";
}
