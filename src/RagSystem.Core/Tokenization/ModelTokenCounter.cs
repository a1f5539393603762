using Microsoft.ML.Tokenizers;
using RagSystem.Chunking;

namespace RagSystem.Tokenization;

/// <summary>Counts tokens with the embedding model's own tokenizer (no special tokens), so the chunker budgets in
/// the same units the model truncates in.</summary>
public sealed class ModelTokenCounter : ITokenCounter
{
    private readonly Tokenizer _tokenizer;

    /// <param name="tokenizer">The model's tokenizer.</param>
    /// <param name="name">A name for reports, such as the model's name.</param>
    public ModelTokenCounter(Tokenizer tokenizer, string name)
    {
        _tokenizer = tokenizer;
        Name = name;
    }

    /// <summary>Creates a counter from a model folder's WordPiece tokenizer, named after the folder.</summary>
    /// <exception cref="Onnx.ModelFolderException">The folder has no usable tokenizer.</exception>
    public static ModelTokenCounter FromModelDirectory(string directory) =>
        new(WordPieceTokenizerLoader.Load(directory), Path.GetFileName(Path.GetFullPath(directory).TrimEnd('/', '\\')));

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public int CountTokens(ReadOnlySpan<char> text) =>
        _tokenizer is BertTokenizer bert
            ? bert.EncodeToIds(text, addSpecialTokens: false).Count
            : _tokenizer.CountTokens(text);
}
