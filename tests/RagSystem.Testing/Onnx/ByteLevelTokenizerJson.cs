using System.Text.Json.Nodes;

namespace RagSystem.Testing.Onnx;

/// <summary>A minimal GPT-2-style byte-level BPE <c>tokenizer.json</c>: the 256 byte symbols (GPT-2's byte-to-unicode
/// mapping), a few merges, and the ChatML special tokens, so tests need no downloaded tokenizer.</summary>
public static class ByteLevelTokenizerJson
{
    private static readonly (string Left, string Right)[] Merges = [("Ġ", "t"), ("h", "e"), ("Ġt", "he"), ("i", "n")];

    /// <summary>Id of <c>&lt;|endoftext|&gt;</c> (BOS/EOS).</summary>
    public const int EndOfText = 256 + 4;

    /// <summary>Id of <c>&lt;|im_start|&gt;</c>.</summary>
    public const int ImStart = EndOfText + 1;

    /// <summary>Id of <c>&lt;|im_end|&gt;</c>.</summary>
    public const int ImEnd = EndOfText + 2;

    /// <summary>Vocabulary size: bytes, merges and three special tokens.</summary>
    public const int VocabSize = EndOfText + 3;

    /// <summary>The tokenizer.json document.</summary>
    public static JsonObject Build()
    {
        var vocab = new JsonObject();
        var symbols = ByteSymbols();
        for (var b = 0; b < 256; b++) vocab[symbols[b].ToString()] = b;
        for (var m = 0; m < Merges.Length; m++) vocab[Merges[m].Left + Merges[m].Right] = 256 + m;
        var added = new JsonArray();
        foreach (var (text, id) in new[] { ("<|endoftext|>", EndOfText), ("<|im_start|>", ImStart), ("<|im_end|>", ImEnd) })
        {
            vocab[text] = id;
            added.Add(new JsonObject
            {
                ["id"] = id, ["content"] = text, ["single_word"] = false, ["lstrip"] = false, ["rstrip"] = false,
                ["normalized"] = false, ["special"] = true,
            });
        }
        JsonObject ByteLevel() => new() { ["type"] = "ByteLevel", ["add_prefix_space"] = false, ["trim_offsets"] = true, ["use_regex"] = true };
        return new JsonObject
        {
            ["version"] = "1.0",
            ["truncation"] = null,
            ["padding"] = null,
            ["added_tokens"] = added,
            ["normalizer"] = null,
            ["pre_tokenizer"] = ByteLevel(),
            ["post_processor"] = ByteLevel(),
            ["decoder"] = ByteLevel(),
            ["model"] = new JsonObject
            {
                ["type"] = "BPE", ["dropout"] = null, ["unk_token"] = null, ["continuing_subword_prefix"] = "",
                ["end_of_word_suffix"] = "", ["fuse_unk"] = false, ["byte_fallback"] = false,
                ["vocab"] = vocab,
                ["merges"] = new JsonArray(Merges.Select(m => (JsonNode?)$"{m.Left} {m.Right}").ToArray()),
            },
        };
    }

    // GPT-2's bytes_to_unicode: printable bytes map to themselves, the rest to U+0100 onwards.
    private static char[] ByteSymbols()
    {
        var map = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            map[b] = printable ? (char)b : (char)next++;
        }
        return map;
    }
}
