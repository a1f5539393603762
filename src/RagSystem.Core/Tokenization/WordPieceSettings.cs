namespace RagSystem.Tokenization;

/// <summary>How a BERT WordPiece tokenizer normalises text and which special tokens it uses, as read from
/// <c>tokenizer.json</c> / <c>tokenizer_config.json</c>.</summary>
public sealed record WordPieceSettings
{
    /// <summary>Lower-case before tokenizing (<c>do_lower_case</c>, BertNormalizer <c>lowercase</c>). Default true.</summary>
    public bool LowerCase { get; init; } = true;

    /// <summary>Strip accents (<c>strip_accents</c>); when the files leave it null it follows <see cref="LowerCase"/>, as in Hugging Face.</summary>
    public bool? StripAccents { get; init; }

    /// <summary>Put spaces around CJK ideographs (<c>tokenize_chinese_chars</c> / <c>handle_chinese_chars</c>). Default true.</summary>
    public bool TokenizeChineseChars { get; init; } = true;

    /// <summary><c>model_max_length</c> from tokenizer_config.json when it is a real limit, else null.</summary>
    public int? ModelMaxLength { get; init; }

    /// <summary>Unknown token. Default <c>[UNK]</c>.</summary>
    public string UnknownToken { get; init; } = "[UNK]";

    /// <summary>Classification token. Default <c>[CLS]</c>.</summary>
    public string ClassificationToken { get; init; } = "[CLS]";

    /// <summary>Separator token. Default <c>[SEP]</c>.</summary>
    public string SeparatorToken { get; init; } = "[SEP]";

    /// <summary>Padding token. Default <c>[PAD]</c>.</summary>
    public string PaddingToken { get; init; } = "[PAD]";

    /// <summary>Mask token. Default <c>[MASK]</c>.</summary>
    public string MaskingToken { get; init; } = "[MASK]";
}
