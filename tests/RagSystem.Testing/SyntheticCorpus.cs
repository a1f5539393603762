using System.Text;

namespace RagSystem.Testing;

/// <summary>Writes folders of generated Markdown documents with distinct, searchable words, for tests that
/// need many documents (crash safety, scale).</summary>
public static class SyntheticCorpus
{
    private static readonly string[] Words =
        ["model", "token", "vector", "layer", "attention", "weight", "gradient", "corpus", "prompt", "answer",
         "context", "window", "decoder", "encoder", "training", "sample", "batch", "loss", "score", "index"];

    /// <summary>Writes <paramref name="count"/> documents under <paramref name="folder"/> (in subfolders of 100)
    /// and returns their relative paths. Document i contains the unique word <c>marker{i}x</c>.</summary>
    public static IReadOnlyList<string> Write(string folder, int count, int paragraphsPerDocument = 12, int seed = 7)
    {
        var random = new Random(seed);
        var paths = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var relative = $"part{i / 100:D2}/doc{i:D5}.md";
            var text = new StringBuilder($"# Document {i}\n\nThis document carries marker{i}x.\n\n");
            for (var p = 0; p < paragraphsPerDocument; p++)
            {
                if (p % 4 == 0) text.Append($"## Section {p / 4}\n\n");
                for (var s = 0; s < 5; s++)
                {
                    text.Append(char.ToUpperInvariant(Words[random.Next(Words.Length)][0]));
                    text.Append(Words[random.Next(Words.Length)].AsSpan(1));
                    for (var w = 0; w < 10; w++) text.Append(' ').Append(Words[random.Next(Words.Length)]);
                    text.Append($" item{random.Next(100000)}. ");
                }
                text.Append("\n\n");
            }
            var full = Path.Combine(folder, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text.ToString());
            paths.Add(relative);
        }
        return paths;
    }
}
