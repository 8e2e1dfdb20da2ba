namespace RelayCluster.Core.Configuration;

/// <summary>Finds the known name closest to a misspelled one, for "did you mean" hints.</summary>
internal static class Suggestions
{
    /// <summary>The candidate closest to <paramref name="input"/> by edit distance, or null when none is close.</summary>
    public static string? Closest(string input, IEnumerable<string> candidates)
    {
        var normalizedInput = Normalize(input);
        var limit = Math.Clamp(normalizedInput.Length / 3, 1, 3);
        string? best = null;
        var bestDistance = int.MaxValue;

        foreach (var candidate in candidates)
        {
            var distance = Distance(normalizedInput, Normalize(candidate));
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return bestDistance <= limit ? best : null;
    }

    /// <summary>
    /// "did you mean 'x'?" when a candidate is close, followed by the whole list when <paramref name="alwaysList"/>
    /// is set; with nothing close, just the list, as in "allowed: a, b, c".
    /// </summary>
    public static string Hint(string input, IReadOnlyCollection<string> candidates, string listName, bool alwaysList)
    {
        var list = $"{listName}: {string.Join(", ", candidates)}";
        var closest = Closest(input, candidates);
        return closest is null ? list
            : alwaysList ? $"did you mean '{closest}'? {list}"
            : $"did you mean '{closest}'?";
    }

    /// <summary>Case, '-' and '_' are the usual slips (idleTimeout, idle_timeout): they cost nothing.</summary>
    private static string Normalize(string text) =>
        string.Concat(text.Where(c => c is not '-' and not '_')).ToLowerInvariant();

    /// <summary>The Levenshtein distance, with two rows.</summary>
    private static int Distance(string source, string target)
    {
        var previous = new int[target.Length + 1];
        var current = new int[target.Length + 1];
        for (var j = 0; j <= target.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= source.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= target.Length; j++)
            {
                var substitution = previous[j - 1] + (source[i - 1] == target[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[target.Length];
    }
}
