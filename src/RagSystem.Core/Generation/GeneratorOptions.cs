namespace RagSystem.Generation;

/// <summary>Defaults for generation, local (<see cref="OnnxChatClient"/>) or through an OpenAI-compatible server
/// (<see cref="Endpoint"/>, <see cref="EndpointChatClient"/>). Per-call <c>ChatOptions</c>
/// (<c>MaxOutputTokens</c>, <c>Temperature</c>, <c>TopK</c>, <c>TopP</c>, <c>Seed</c>, <c>StopSequences</c>) override them.</summary>
public sealed class GeneratorOptions
{
    /// <summary>Generations that may run at once; further requests wait their turn (see <see cref="ConcurrencyLimitingChatClient"/>).
    /// Default 1: on a CPU one decode already keeps every core busy, and each running generation holds its own KV cache.</summary>
    public int MaxConcurrentGenerations { get; set; } = 1;

    /// <summary>Most tokens generated per reply. Default 512.</summary>
    public int MaxNewTokens { get; set; } = 512;

    /// <summary>Sampling temperature. Default 0: greedy decoding (deterministic).</summary>
    public float Temperature { get; set; }

    /// <summary>Keep only the K most likely tokens when sampling. Default 0: no top-k cut.</summary>
    public int TopK { get; set; }

    /// <summary>Nucleus sampling: keep the smallest set of tokens whose probability reaches P. Default 1: no cut.</summary>
    public float TopP { get; set; } = 1f;

    /// <summary>Context window to use; 0 (default) takes the model's own (<c>context_length</c> or
    /// <c>max_position_embeddings</c>, else 4096). A prompt that leaves no room for one new token is rejected with
    /// <see cref="ContextWindowExceededException"/>; a reply that reaches the window ends with finish reason <c>length</c>.</summary>
    public int ContextLength { get; set; }

    /// <summary>The ONNX file inside the model folder, such as <c>onnx/model_fp16.onnx</c>. Default null: the first of
    /// the GenAI config's file, <c>model.onnx</c>, <c>onnx/model.onnx</c>, <c>onnx/model_fp16.onnx</c>,
    /// <c>onnx/model_q4.onnx</c>, then any other <c>onnx/*.onnx</c>.</summary>
    public string? ModelFile { get; set; }

    /// <summary>Chat template name (<c>chatml</c>, <c>llama2</c>, <c>llama3</c>, <c>phi3</c>). Default null: from
    /// <c>rag-model.json</c>, else recognised from <c>tokenizer_config.json</c>.</summary>
    public string? ChatTemplate { get; set; }

    /// <summary>Base URL of an OpenAI-compatible server that generates the answers instead of the local model, such as
    /// <c>http://localhost:8000/v1</c> (vLLM), <c>http://localhost:11434/v1</c> (Ollama) or <c>http://localhost:8080/v1</c>
    /// (llama.cpp server); <c>/chat/completions</c> is appended. Default null: the local ONNX model.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Bearer key for <see cref="Endpoint"/>. Default null: none is sent (local servers need none).</summary>
    public string? ApiKey { get; set; }

    /// <summary>The model name the server knows, required with <see cref="Endpoint"/> (for example <c>qwen2.5:0.5b</c>).</summary>
    public string? Model { get; set; }
}
