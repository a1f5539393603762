namespace RagSystem.Testing.Onnx;

/// <summary>What <see cref="TinyModelFolder"/> writes besides the model.</summary>
public sealed class TinyModelFolderOptions
{
    /// <summary>The model's shape and weights. Default <see cref="TinyBertOptions"/> defaults.</summary>
    public TinyBertOptions Model { get; init; } = new();

    /// <summary>Put the model under <c>onnx/</c> (Hugging Face / onnx-community layout) instead of the top (Optimum). Default true.</summary>
    public bool UnderOnnxFolder { get; init; } = true;

    /// <summary>Model file name. Default <c>model.onnx</c>, or <c>model_fp16.onnx</c> for a float16 model.</summary>
    public string? ModelFileName { get; init; }

    /// <summary>Write <c>vocab.txt</c>. Default true.</summary>
    public bool WriteVocabTxt { get; init; } = true;

    /// <summary>Write <c>tokenizer.json</c> (WordPiece) and <c>tokenizer_config.json</c>. Default true.</summary>
    public bool WriteTokenizerJson { get; init; } = true;

    /// <summary>Lower-case flag written into the tokenizer files. Default true.</summary>
    public bool DoLowerCase { get; init; } = true;

    /// <summary>sentence-transformers pooling to declare in <c>1_Pooling/config.json</c> and <c>modules.json</c>:
    /// <c>mean</c>, <c>cls</c> or null (no sentence-transformers files). Default null.</summary>
    public string? SentenceTransformersPooling { get; init; }

    /// <summary>Whether <c>modules.json</c> lists a Normalize module (only with a pooling). Default true.</summary>
    public bool SentenceTransformersNormalize { get; init; } = true;

    /// <summary>Raw JSON for our <c>rag-model.json</c> hint, or null for none. Default null.</summary>
    public string? RagModelJson { get; init; }

    /// <summary><c>_name_or_path</c> in config.json, or null to leave it out. Default <c>tiny/bert</c>.</summary>
    public string? NameOrPath { get; init; } = "tiny/bert";

    /// <summary><c>model_max_length</c> in tokenizer_config.json, or null for the position table size. Default null.</summary>
    public int? ModelMaxLength { get; init; }
}
