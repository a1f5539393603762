namespace RagSystem.IntegrationTests.Answering;

/// <summary>Cuts text into overlapping word windows about the size of the default chunk (256 BERT tokens ≈ 180 words).</summary>
internal static class WordWindows
{
    public static IEnumerable<string> Split(string text, int size = 180, int overlap = 30)
    {
        var words = text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        for (var start = 0; start < words.Length; start += size - overlap)
        {
            yield return string.Join(' ', words.Skip(start).Take(size));
            if (start + size >= words.Length) yield break;
        }
    }
}
