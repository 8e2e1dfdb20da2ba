namespace RelayCluster.Cli.Output;

/// <summary>A plain text table: a header row and left-aligned columns two spaces apart, as <c>kubectl get</c> prints them.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    /// <summary>The rows added so far, without the header.</summary>
    public int RowCount => _rows.Count;

    /// <summary>Adds a row; missing cells are empty.</summary>
    public void AddRow(params string[] cells)
    {
        var row = new string[headers.Length];
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = i < cells.Length ? cells[i] : "";
        }

        _rows.Add(row);
    }

    /// <summary>Writes the header and every row; the last column is not padded, so lines carry no trailing spaces.</summary>
    public void Write(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var widths = headers.Select((header, i) => _rows.Select(row => row[i].Length).Prepend(header.Length).Max()).ToArray();
        WriteRow(output, headers, widths);
        foreach (var row in _rows)
        {
            WriteRow(output, row, widths);
        }
    }

    private static void WriteRow(TextWriter output, string[] cells, int[] widths)
    {
        var line = string.Join("  ", cells.Select((cell, i) => i == cells.Length - 1 ? cell : cell.PadRight(widths[i])));
        output.WriteLine(line.TrimEnd());
    }
}
