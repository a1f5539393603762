using System.Globalization;
using System.Text;

namespace RagSystem.Ingestion;

/// <summary>Makes path text safe to print: control characters become <c>\xNN</c>, and U+FFFD (what .NET decodes a byte that
/// is not valid UTF-8 to) becomes <c>\uFFFD</c>, so a hostile file name cannot move the cursor or fake other output.</summary>
public static class SourcePathText
{
    /// <summary>The escaped form of <paramref name="path"/>.</summary>
    public static string Escape(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.Any(NeedsEscape)) return path;
        var builder = new StringBuilder(path.Length + 16);
        foreach (var c in path)
        {
            if (c == '\uFFFD') builder.Append("\\uFFFD");
            else if (char.IsControl(c)) builder.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            else builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>Whether the name holds a character .NET produced for bytes that are not valid UTF-8.</summary>
    public static bool IsUndecodable(string name) => name.Contains('\uFFFD', StringComparison.Ordinal);

    private static bool NeedsEscape(char c) => c == '\uFFFD' || char.IsControl(c);
}
