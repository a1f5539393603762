using System.Text;
using Microsoft.Extensions.AI;

namespace RagSystem.Generation;

/// <summary>ChatML, used by Qwen2/2.5 and SmolLM2: <c>&lt;|im_start|&gt;role\ncontent&lt;|im_end|&gt;\n</c>.</summary>
public sealed class ChatTemplateChatMl : ChatTemplate
{
    /// <inheritdoc />
    public override string Name => "chatml";

    /// <inheritdoc />
    public override IReadOnlyList<string> StopStrings { get; } = ["<|im_end|>", "<|endoftext|>"];

    /// <inheritdoc />
    protected override void RenderCore(StringBuilder builder, IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt)
    {
        foreach (var message in messages)
            builder.Append("<|im_start|>").Append(RoleOf(message, Name)).Append('\n').Append(message.Text).Append("<|im_end|>\n");
        if (addGenerationPrompt) builder.Append("<|im_start|>assistant\n");
    }
}
