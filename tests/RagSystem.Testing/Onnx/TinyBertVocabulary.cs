namespace RagSystem.Testing.Onnx;

/// <summary>A small lower-case WordPiece vocabulary: BERT's special tokens, every ASCII letter, digit and punctuation
/// mark (alone and as a <c>##</c> continuation, so any ASCII text tokenizes without [UNK]), and common words.</summary>
public static class TinyBertVocabulary
{
    /// <summary>The tokens in id order; [PAD] is 0.</summary>
    public static IReadOnlyList<string> Tokens { get; } = Build();

    private static string[] Build()
    {
        List<string> tokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];
        const string punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
        tokens.AddRange(punctuation.Select(c => c.ToString()));
        var alphanumerics = "0123456789abcdefghijklmnopqrstuvwxyz";
        tokens.AddRange(alphanumerics.Select(c => c.ToString()));
        tokens.AddRange(alphanumerics.Select(c => "##" + c));
        tokens.AddRange(["##ing", "##ed", "##er", "##ly", "##tion", "##al", "##es"]);
        tokens.AddRange(
        """
        the a an of and to in is was for on with that it as are by this be at from or not what how why does do
        hello world model models language large token attention transformer embedding vector search query passage
        document retrieval cat dog sat mat quick brown fox jump over lazy cell protein gene cancer study result
        patient blood risk data train learn neural network text chunk answer question rust memory safety
        """.Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
        return [.. tokens.Distinct(StringComparer.Ordinal)];
    }
}
