namespace RelayCluster.Hocon.Internal;

/// <summary>Names values for concatenation rules and error messages.</summary>
internal static class ValueKinds
{
    public enum Group
    {
        Simple,
        Array,
        Object,
    }

    public static Group Category(Node node) => node switch
    {
        ObjectNode => Group.Object,
        ArrayNode => Group.Array,
        _ => Group.Simple,
    };

    public static string Describe(Node node) => node switch
    {
        ObjectNode => "an object",
        ArrayNode => "an array",
        ScalarNode { Kind: HoconKind.Number } scalar => $"the number {scalar.Text}",
        ScalarNode { Kind: HoconKind.Boolean } scalar => $"the boolean {scalar.Text}",
        ScalarNode { Kind: HoconKind.Null } => "null",
        ScalarNode scalar => $"the string \"{(scalar.Text.Length > 40 ? scalar.Text[..40] + "..." : scalar.Text)}\"",
        _ => "a value",
    };
}
