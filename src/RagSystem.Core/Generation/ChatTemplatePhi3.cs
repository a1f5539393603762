using System.Text;
using Microsoft.Extensions.AI;

namespace RagSystem.Generation;

/// <summary>Phi-3 / Phi-3.5 instruct: <c>&lt;|role|&gt;\ncontent&lt;|end|&gt;\n</c>.</summary>
public sealed class ChatTemplatePhi3 : ChatTemplate
{
    /// <inheritdoc />
    public override string Name => "phi3";

    /// <inheritdoc />
    public override IReadOnlyList<string> StopStrings { get; } = ["<|end|>", "<|endoftext|>"];

    /// <inheritdoc />
    protected override void RenderCore(StringBuilder builder, IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt)
    {
        foreach (var message in messages)
            builder.Append("<|").Append(RoleOf(message, Name)).Append("|>\n").Append(message.Text).Append("<|end|>\n");
        if (addGenerationPrompt) builder.Append("<|assistant|>\n");
    }
}
