using RagSystem.Onnx;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace RagSystem.Tokenization;

/// <summary>Loads a decoder model's tokenizer from its folder onto Microsoft.ML.Tokenizers:
/// byte-level BPE (GPT-2, Qwen2, SmolLM2, Llama-3) and SentencePiece-style BPE with byte fallback (Llama-2, Phi-3)
/// from <c>tokenizer.json</c>; a SentencePiece <c>tokenizer.model</c>; or GPT-2 style <c>vocab.json</c> + <c>merges.txt</c>.
/// Added tokens are mapped to their ids, so special-token text in a rendered chat template encodes to single ids.</summary>
public static class DecoderTokenizerLoader
{
    // GPT-2's pre-tokenizer (the ByteLevel pre-tokenizer with use_regex=true).
    private const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    /// <summary>True when <paramref name="modelDirectory"/> holds tokenizer files this loader understands.</summary>
    public static bool HasTokenizer(string modelDirectory) =>
        File.Exists(Path.Combine(modelDirectory, "tokenizer.json"))
        || File.Exists(Path.Combine(modelDirectory, "tokenizer.model"))
        || (File.Exists(Path.Combine(modelDirectory, "vocab.json")) && File.Exists(Path.Combine(modelDirectory, "merges.txt")));

    /// <summary>Loads the tokenizer of the model in <paramref name="modelDirectory"/>.</summary>
    /// <exception cref="TokenizerLoadException">No supported tokenizer files, or they are malformed.</exception>
    public static DecoderTokenizer Load(string modelDirectory)
    {
        var config = ReadConfig(Path.Combine(modelDirectory, "tokenizer_config.json"));
        var jsonPath = Path.Combine(modelDirectory, "tokenizer.json");
        if (File.Exists(jsonPath)) return FromTokenizerJson(TokenizerJson.Parse(jsonPath), config, modelDirectory);

        var spPath = Path.Combine(modelDirectory, "tokenizer.model");
        if (File.Exists(spPath)) return FromSentencePieceModel(spPath, config, modelDirectory);

        var vocabPath = Path.Combine(modelDirectory, "vocab.json");
        var mergesPath = Path.Combine(modelDirectory, "merges.txt");
        if (File.Exists(vocabPath) && File.Exists(mergesPath))
        {
            var added = ConfigAddedTokens(config);
            var options = new BpeOptions(ReadVocabJson(vocabPath)) { ByteLevel = true, Merges = ReadMergesTxt(mergesPath) };
            return Build(CreateByteLevel(options, Gpt2Pattern, added), modelDirectory, added, config);
        }

        throw new TokenizerLoadException(
            $"No tokenizer in {modelDirectory}: expected tokenizer.json, tokenizer.model, or vocab.json with merges.txt.");
    }

    private static DecoderTokenizer FromTokenizerJson(TokenizerJson json, JsonElement? config, string directory)
    {
        if (json.ModelType != "BPE")
            throw new TokenizerLoadException(
                $"{directory}/tokenizer.json has model type '{json.ModelType}'; decoder models need BPE (byte-level or SentencePiece-style).");
        var added = json.AddedTokens();
        var addedIds = added.ToDictionary(a => a.Key, a => a.Value.Id, StringComparer.Ordinal);
        var specials = added.Where(a => a.Value.Special).Select(a => (a.Key, a.Value.Id));

        var byteLevel = json.Components("pre_tokenizer").Concat(json.Components("decoder"))
            .Any(c => TokenizerJson.TypeOf(c) == "ByteLevel");
        Tokenizer inner;
        if (byteLevel)
        {
            var split = json.Components("pre_tokenizer").FirstOrDefault(c => TokenizerJson.TypeOf(c) == "Split");
            var pattern = split.ValueKind == JsonValueKind.Object && split.GetProperty("pattern").TryGetProperty("Regex", out var r)
                ? r.GetString()! : Gpt2Pattern;
            var options = new BpeOptions(json.Vocabulary())
            {
                ByteLevel = true,
                Merges = json.Merges().Select(m => m.Left + " " + m.Right),
            };
            inner = CreateByteLevel(options, pattern, addedIds);
        }
        else
        {
            inner = CreateSentencePieceStyle(json, added, directory);
        }
        return Build(inner, directory, addedIds, config, specials);
    }

    private static Tokenizer CreateByteLevel(BpeOptions options, string pattern, IReadOnlyDictionary<string, int> added)
    {
        options.SpecialTokens = added.Count > 0 ? new Dictionary<string, int>(added, StringComparer.Ordinal) : null;
        options.PreTokenizer = new RegexPreTokenizer(new Regex(pattern, RegexOptions.Compiled), options.SpecialTokens);
        return BpeTokenizer.Create(options);
    }

    private static Tokenizer CreateSentencePieceStyle(TokenizerJson json, Dictionary<string, (int Id, bool Special)> added, string directory)
    {
        var byteFallback = json.Model.TryGetProperty("byte_fallback", out var bf) && bf.ValueKind == JsonValueKind.True;
        var metaspace = json.Components("normalizer").Concat(json.Components("pre_tokenizer"))
            .Any(c => TokenizerJson.TypeOf(c) is "Metaspace" or "Prepend" || (TokenizerJson.TypeOf(c) == "Replace" && c.GetRawText().Contains('\u2581')));
        if (!byteFallback || !metaspace)
            throw new TokenizerLoadException(
                $"{directory}/tokenizer.json is a BPE tokenizer that is neither byte-level nor SentencePiece-style (byte_fallback + \u2581 spaces); it is not supported.");

        var addDummyPrefix = json.Components("normalizer").Any(c => TokenizerJson.TypeOf(c) == "Prepend")
            || json.Components("pre_tokenizer").Any(c => TokenizerJson.TypeOf(c) == "Metaspace"
                && (!c.TryGetProperty("prepend_scheme", out var s) || s.GetString() != "never"));
        var vocab = json.Vocabulary();
        foreach (var (text, (id, _)) in added) vocab.TryAdd(text, id);
        var unk = json.Model.TryGetProperty("unk_token", out var u) && u.ValueKind == JsonValueKind.String && vocab.TryGetValue(u.GetString()!, out var unkId) ? unkId : -1;
        var control = added.Where(a => a.Value.Special && a.Value.Id != unk).Select(a => a.Value.Id).ToHashSet();
        var userDefined = added.Where(a => !a.Value.Special).Select(a => a.Value.Id).ToHashSet();
        var model = SentencePieceModelWriter.Write(vocab, json.Merges(), control, userDefined, unk,
            vocab.GetValueOrDefault("<s>", -1), vocab.GetValueOrDefault("</s>", -1), addDummyPrefix);
        using var stream = new MemoryStream(model);
        return LlamaTokenizer.Create(stream, addBeginOfSentence: false, addEndOfSentence: false,
            specialTokens: added.ToDictionary(a => a.Key, a => a.Value.Id, StringComparer.Ordinal));
    }

    private static DecoderTokenizer FromSentencePieceModel(string path, JsonElement? config, string directory)
    {
        var added = ConfigAddedTokens(config);
        using var stream = File.OpenRead(path);
        var inner = LlamaTokenizer.Create(stream, addBeginOfSentence: false, addEndOfSentence: false,
            specialTokens: added.Count > 0 ? added : null);
        var specials = inner.SpecialTokens?.Select(s => (s.Key, s.Value)) ?? [];
        return Build(inner, directory, added, config,
            specials.Concat([(inner.BeginningOfSentenceToken, inner.BeginningOfSentenceId), (inner.EndOfSentenceToken, inner.EndOfSentenceId)]));
    }

    private static DecoderTokenizer Build(Tokenizer inner, string directory, IReadOnlyDictionary<string, int> added, JsonElement? config,
        IEnumerable<(string Text, int Id)>? specials = null)
    {
        specials ??= ConfigSpecialTokens(config).Where(t => added.ContainsKey(t)).Select(t => (t, added[t]));
        var specialList = specials.ToList();
        int? Lookup(string? text) => text is null ? null
            : added.TryGetValue(text, out var id) ? id
            : specialList.FirstOrDefault(s => s.Text == text) is { Text: not null } s ? s.Id : null;
        return new DecoderTokenizer(inner, Path.GetFileName(Path.TrimEndingDirectorySeparator(directory)), added,
            specialList.Select(s => s.Id), Lookup(TokenizerJson.ConfigToken(config, "bos_token")),
            Lookup(TokenizerJson.ConfigToken(config, "eos_token")));
    }

    private static JsonElement? ReadConfig(string path) =>
        ModelFileJson.ReadIfExists(path, (message, cause) => new TokenizerLoadException(message, cause));

    private static Dictionary<string, int> ConfigAddedTokens(JsonElement? config)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        if (config is { } c && c.TryGetProperty("added_tokens_decoder", out var decoder))
        {
            foreach (var p in decoder.EnumerateObject())
                result[p.Value.GetProperty("content").GetString()!] = int.Parse(p.Name, System.Globalization.CultureInfo.InvariantCulture);
        }
        return result;
    }

    private static IEnumerable<string> ConfigSpecialTokens(JsonElement? config)
    {
        if (config is { } c && c.TryGetProperty("added_tokens_decoder", out var decoder))
        {
            foreach (var p in decoder.EnumerateObject())
                if (p.Value.TryGetProperty("special", out var s) && s.ValueKind == JsonValueKind.True)
                    yield return p.Value.GetProperty("content").GetString()!;
        }
    }

    private static Dictionary<string, int> ReadVocabJson(string path)
    {
        using var doc = ModelFileJson.Parse(path, (message, cause) => new TokenizerLoadException(message, cause));
        return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32(), StringComparer.Ordinal);
    }

    private static List<string> ReadMergesTxt(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0 && !l.StartsWith("#version", StringComparison.Ordinal)).ToList();
}
