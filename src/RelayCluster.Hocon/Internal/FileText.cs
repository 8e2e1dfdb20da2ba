using System.Text;

namespace RelayCluster.Hocon.Internal;

/// <summary>Reads a configuration file as UTF-8, turning I/O failures into positioned errors.</summary>
internal static class FileText
{
    public static string Read(string fullPath, HoconPosition position, int maxLength)
    {
        try
        {
            // A character takes at most four bytes, so a larger file cannot fit the limit; refuse it before reading it.
            if (new FileInfo(fullPath).Length > 4L * maxLength)
            {
                throw new HoconException(position, $"'{fullPath}' is longer than {maxLength} characters (MaxInputLength)");
            }

            return File.ReadAllText(fullPath, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HoconException(position, $"could not read '{fullPath}': {e.Message}");
        }
    }
}
