using System.Globalization;
using System.Text;
using RagSystem.Retrieval;

namespace RagSystem.Answering;

/// <summary>Renders one numbered passage block for the prompt: <c>[n] source: path, p. 3, section: A &gt; B</c> then the text.</summary>
public static class PassageFormatter
{
    /// <summary>The source line of a chunk: its path, pages and headings.</summary>
    public static string SourceLine(RetrievedChunk chunk)
    {
        var line = new StringBuilder(chunk.DocumentPath);
        var c = chunk.Chunk;
        if (c.PageStart is { } first)
        {
            line.Append(c.PageEnd is { } last && last != first
                ? string.Create(CultureInfo.InvariantCulture, $", pp. {first}-{last}")
                : string.Create(CultureInfo.InvariantCulture, $", p. {first}"));
        }
        if (c.HeadingPath.Count > 0) line.Append(", section: ").Append(string.Join(" > ", c.HeadingPath));
        return line.ToString();
    }

    /// <summary>The block for passage <paramref name="number"/> with <paramref name="text"/> as its body.</summary>
    public static string Format(int number, RetrievedChunk chunk, string text) =>
        string.Create(CultureInfo.InvariantCulture, $"[{number}] source: {SourceLine(chunk)}\n{text.Trim()}");
}
