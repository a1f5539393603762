using RagSystem.Onnx;
using System.Text.Json;

namespace RagSystem.Generation;

/// <summary>Chooses a model's <see cref="ChatTemplate"/>: the name in <c>rag-model.json</c> (<c>{"chat_template": "chatml"}</c>)
/// wins; otherwise distinctive markers in <c>tokenizer_config.json</c>'s Jinja <c>chat_template</c> pick one.</summary>
public static class ChatTemplateResolver
{
    /// <summary>The template named <paramref name="name"/> (<c>chatml</c>, <c>llama2</c>, <c>llama3</c>, <c>phi3</c>).</summary>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public static ChatTemplate FromName(string name) => name.Trim().ToLowerInvariant() switch
    {
        "chatml" or "qwen" or "qwen2" or "smollm" => new ChatTemplateChatMl(),
        "llama2" or "llama-2" => new ChatTemplateLlama2(),
        "llama3" or "llama-3" => new ChatTemplateLlama3(),
        "phi3" or "phi-3" => new ChatTemplatePhi3(),
        _ => throw new ArgumentException($"Unknown chat template '{name}'; use chatml, llama2, llama3 or phi3.", nameof(name)),
    };

    /// <summary>Recognises a Jinja chat template by its markers, or returns null when none matches.</summary>
    public static ChatTemplate? FromJinja(string jinja)
    {
        ArgumentNullException.ThrowIfNull(jinja);
        if (jinja.Contains("<|start_header_id|>", StringComparison.Ordinal)) return new ChatTemplateLlama3();
        if (jinja.Contains("<|im_start|>", StringComparison.Ordinal)) return new ChatTemplateChatMl();
        if (jinja.Contains("<|assistant|>", StringComparison.Ordinal) && jinja.Contains("<|end|>", StringComparison.Ordinal))
            return new ChatTemplatePhi3();
        if (jinja.Contains("[INST]", StringComparison.Ordinal)) return new ChatTemplateLlama2();
        return null;
    }

    /// <summary>Resolves the template of the model in <paramref name="modelDirectory"/>.</summary>
    /// <returns>The template, or null with <paramref name="reason"/> saying what was missing.</returns>
    public static ChatTemplate? Resolve(string modelDirectory, out string? reason)
    {
        reason = null;
        var hint = ReadString(Path.Combine(modelDirectory, "rag-model.json"), "chat_template");
        if (hint is not null) return FromName(hint);

        var jinja = ReadString(Path.Combine(modelDirectory, "tokenizer_config.json"), "chat_template");
        if (jinja is null)
        {
            reason = $"{modelDirectory} has no chat_template in tokenizer_config.json; add rag-model.json with {{\"chat_template\": \"chatml|llama2|llama3|phi3\"}}.";
            return null;
        }
        var template = FromJinja(jinja);
        if (template is null)
            reason = $"the chat_template in {modelDirectory}/tokenizer_config.json is not one we recognise (ChatML, Llama-2, Llama-3, Phi-3); name one in rag-model.json.";
        return template;
    }

    private static string? ReadString(string path, string property)
    {
        if (ModelFileJson.ReadIfExists(path, (message, cause) => new InvalidDataException(message, cause)) is not { } root
            || !root.TryGetProperty(property, out var value)) return null;
        // Some tokenizer_config.json files hold a list of named templates; take the "default" one.
        if (value.ValueKind == JsonValueKind.Array)
        {
            var named = value.EnumerateArray().FirstOrDefault(t => t.TryGetProperty("name", out var n) && n.GetString() == "default");
            return named.ValueKind == JsonValueKind.Object ? named.GetProperty("template").GetString() : null;
        }
        return value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
