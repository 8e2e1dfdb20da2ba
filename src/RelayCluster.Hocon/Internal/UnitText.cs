using System.Globalization;

namespace RelayCluster.Hocon.Internal;

/// <summary>Splits the spec's units format: optional whitespace, a number, optional whitespace, optional letters, optional whitespace.</summary>
internal static class UnitText
{
    public static bool TryParse(string text, out decimal number, out string unit)
    {
        number = 0;
        unit = string.Empty;
        var span = text.AsSpan().Trim();
        var numberLength = 0;
        while (numberLength < span.Length && IsNumberChar(span[numberLength]))
        {
            numberLength++;
        }

        if (numberLength == 0 || !decimal.TryParse(span[..numberLength], NumberStyles.Float, CultureInfo.InvariantCulture, out number))
        {
            return false;
        }

        var rest = span[numberLength..].TrimStart();
        foreach (var c in rest)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        unit = rest.ToString();
        return true;
    }

    private static bool IsNumberChar(char c) => char.IsAsciiDigit(c) || c is '.' or '-' or '+' or 'e' or 'E';
}
