using System.Text;
using System.Text.Json;
using Microsoft.ML.Tokenizers;
using RagSystem.Onnx;

namespace RagSystem.Tokenization;

/// <summary>Loads a BERT WordPiece tokenizer into Microsoft.ML.Tokenizers' <see cref="BertTokenizer"/> from a model
/// folder's <c>tokenizer.json</c> (model type WordPiece) or <c>vocab.txt</c>, honouring lower-casing and accent
/// stripping. Truncation and padding written in tokenizer.json are ignored on purpose: callers truncate to the model's limit.</summary>
public static class WordPieceTokenizerLoader
{
    // Hugging Face writes int(1e30) as model_max_length when a tokenizer has no limit.
    private const int NoRealLimit = 1_000_000;

    /// <summary>Locates a BERT-family model folder: an ONNX file (see <see cref="Onnx.OnnxModelLocator"/>) and a WordPiece
    /// tokenizer. Returns false with a reason when either is absent, which callers treat as "feature not installed".</summary>
    public static bool TryLocateModel(string? directory, string? modelFile, out Onnx.ModelFolder? folder, out string? reason)
    {
        if (!Onnx.OnnxModelLocator.TryLocate(directory ?? "", out folder, out reason, modelFile)) return false;
        if (CanLoad(folder!.Directory)) return true;
        reason = $"the model folder '{folder.Directory}' has no WordPiece tokenizer (vocab.txt or tokenizer.json)";
        folder = null;
        return false;
    }

    /// <summary>Whether <paramref name="directory"/> holds a WordPiece <c>tokenizer.json</c> or a <c>vocab.txt</c>.</summary>
    public static bool CanLoad(string directory) =>
        File.Exists(Path.Combine(directory, "vocab.txt")) || IsWordPieceTokenizerJson(Path.Combine(directory, "tokenizer.json"));

    /// <summary>Loads the folder's tokenizer: <c>tokenizer.json</c> when it is WordPiece, else <c>vocab.txt</c>.</summary>
    /// <exception cref="ModelFolderException">Neither file is usable.</exception>
    public static BertTokenizer Load(string directory)
    {
        var settings = ReadSettings(directory);
        var json = Path.Combine(directory, "tokenizer.json");
        if (IsWordPieceTokenizerJson(json)) return LoadFromTokenizerJson(json, settings);
        var vocab = Path.Combine(directory, "vocab.txt");
        if (File.Exists(vocab)) return LoadFromVocabTxt(vocab, settings);
        throw new ModelFolderException(
            $"'{directory}' has no WordPiece tokenizer: expected vocab.txt or a tokenizer.json whose model type is WordPiece");
    }

    /// <summary>Loads from a <c>vocab.txt</c> (one token per line, line number = id).</summary>
    public static BertTokenizer LoadFromVocabTxt(string vocabPath, WordPieceSettings? settings = null)
    {
        var byId = new SortedDictionary<int, string>();
        var id = 0;
        foreach (var line in File.ReadLines(vocabPath)) byId[id++] = line;
        using var stream = new MemoryStream(VocabTxtBytes(byId));
        return BertTokenizer.Create(stream, ToBertOptions(settings ?? new WordPieceSettings()));
    }

    /// <summary>Loads from a Hugging Face <c>tokenizer.json</c> with a WordPiece model, writing its vocabulary out in id order.</summary>
    /// <exception cref="ModelFolderException">The file is not a WordPiece tokenizer.json.</exception>
    public static BertTokenizer LoadFromTokenizerJson(string tokenizerJsonPath, WordPieceSettings? settings = null)
    {
        using var document = ParseJson(tokenizerJsonPath);
        var root = document.RootElement;
        if (!root.TryGetProperty("model", out var model) || JsonFields.String(model, "type") != "WordPiece"
            || !model.TryGetProperty("vocab", out var vocab) || vocab.ValueKind != JsonValueKind.Object)
        {
            throw new ModelFolderException($"'{tokenizerJsonPath}' is not a WordPiece tokenizer (model.type must be WordPiece with a vocab)");
        }
        var effective = (settings ?? new WordPieceSettings()) with { UnknownToken = JsonFields.String(model, "unk_token") ?? "[UNK]" };
        using var stream = new MemoryStream(VocabTxtBytes(IdsOf(vocab, root)));
        return BertTokenizer.Create(stream, ToBertOptions(effective));
    }

    /// <summary>Reads normalisation settings and special tokens: <c>tokenizer_config.json</c> first, then the
    /// <c>tokenizer.json</c> normalizer (authoritative for fast tokenizers) where present.</summary>
    public static WordPieceSettings ReadSettings(string directory)
    {
        var settings = new WordPieceSettings();
        var configPath = Path.Combine(directory, "tokenizer_config.json");
        if (File.Exists(configPath))
        {
            using var config = ParseJson(configPath);
            var c = config.RootElement;
            var maxLength = c.TryGetProperty("model_max_length", out var m) && m.ValueKind == JsonValueKind.Number && m.TryGetDouble(out var d)
                ? d : double.NaN;
            settings = settings with
            {
                LowerCase = JsonFields.Bool(c, "do_lower_case") ?? settings.LowerCase,
                StripAccents = JsonFields.Bool(c, "strip_accents"),
                TokenizeChineseChars = JsonFields.Bool(c, "tokenize_chinese_chars") ?? settings.TokenizeChineseChars,
                ModelMaxLength = maxLength is > 0 and < NoRealLimit ? (int)maxLength : null,
                UnknownToken = JsonFields.String(c, "unk_token") ?? settings.UnknownToken,
                ClassificationToken = JsonFields.String(c, "cls_token") ?? settings.ClassificationToken,
                SeparatorToken = JsonFields.String(c, "sep_token") ?? settings.SeparatorToken,
                PaddingToken = JsonFields.String(c, "pad_token") ?? settings.PaddingToken,
                MaskingToken = JsonFields.String(c, "mask_token") ?? settings.MaskingToken,
            };
        }
        var jsonPath = Path.Combine(directory, "tokenizer.json");
        if (IsWordPieceTokenizerJson(jsonPath))
        {
            using var json = ParseJson(jsonPath);
            if (json.RootElement.TryGetProperty("normalizer", out var normalizer)) settings = ApplyNormalizer(settings, normalizer);
        }
        return settings;
    }

    private static WordPieceSettings ApplyNormalizer(WordPieceSettings settings, JsonElement normalizer)
    {
        switch (JsonFields.String(normalizer, "type"))
        {
            case "BertNormalizer":
                return settings with
                {
                    LowerCase = JsonFields.Bool(normalizer, "lowercase") ?? settings.LowerCase,
                    StripAccents = JsonFields.Bool(normalizer, "strip_accents"),
                    TokenizeChineseChars = JsonFields.Bool(normalizer, "handle_chinese_chars") ?? settings.TokenizeChineseChars,
                };
            case "Sequence" when normalizer.TryGetProperty("normalizers", out var list) && list.ValueKind == JsonValueKind.Array:
                var types = list.EnumerateArray().Select(n => JsonFields.String(n, "type")).ToList();
                return settings with { LowerCase = types.Contains("Lowercase"), StripAccents = types.Contains("StripAccents") };
            default:
                return settings;
        }
    }

    private static BertOptions ToBertOptions(WordPieceSettings s) => new()
    {
        LowerCaseBeforeTokenization = s.LowerCase,
        RemoveNonSpacingMarks = s.StripAccents ?? s.LowerCase,
        IndividuallyTokenizeCjk = s.TokenizeChineseChars,
        ApplyBasicTokenization = true,
        SplitOnSpecialTokens = true,
        UnknownToken = s.UnknownToken,
        ClassificationToken = s.ClassificationToken,
        SeparatorToken = s.SeparatorToken,
        PaddingToken = s.PaddingToken,
        MaskingToken = s.MaskingToken,
    };

    private static SortedDictionary<int, string> IdsOf(JsonElement vocab, JsonElement root)
    {
        var byId = new SortedDictionary<int, string>();
        foreach (var entry in vocab.EnumerateObject()) byId.TryAdd(entry.Value.GetInt32(), entry.Name);
        if (root.TryGetProperty("added_tokens", out var added) && added.ValueKind == JsonValueKind.Array)
        {
            foreach (var token in added.EnumerateArray())
            {
                if (JsonFields.Int(token, "id") is { } id && JsonFields.String(token, "content") is { } content) byId.TryAdd(id, content);
            }
        }
        return byId;
    }

    private static byte[] VocabTxtBytes(SortedDictionary<int, string> byId)
    {
        // BertTokenizer reads ids as line numbers and rejects repeated tokens, so holes and repeats become
        // placeholders no text can produce; the first id of a repeated token wins.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var builder = new StringBuilder();
        var next = 0;
        foreach (var (id, token) in byId)
        {
            for (; next < id; next++) builder.Append("[unused-gap-").Append(next).Append("]\n");
            var clean = token.Replace('\n', ' ').Replace('\r', ' ');
            if (seen.Add(clean)) builder.Append(clean).Append('\n');
            else builder.Append("[unused-repeat-").Append(id).Append("]\n");
            next = id + 1;
        }
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static bool IsWordPieceTokenizerJson(string path)
    {
        if (!File.Exists(path)) return false;
        using var document = ParseJson(path);
        return document.RootElement.TryGetProperty("model", out var model) && JsonFields.String(model, "type") == "WordPiece";
    }

    private static JsonDocument ParseJson(string path) =>
        ModelFileJson.Parse(path, (message, cause) => new ModelFolderException(message, cause));
}
