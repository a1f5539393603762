using System.Text;
using Microsoft.Extensions.AI;

namespace RagSystem.Generation;

/// <summary>Llama-3 / 3.1 / 3.2 instruct: header-delimited turns ending in <c>&lt;|eot_id|&gt;</c>.</summary>
public sealed class ChatTemplateLlama3 : ChatTemplate
{
    /// <inheritdoc />
    public override string Name => "llama3";

    /// <inheritdoc />
    public override IReadOnlyList<string> StopStrings { get; } = ["<|eot_id|>", "<|end_of_text|>", "<|eom_id|>"];

    /// <inheritdoc />
    protected override void RenderCore(StringBuilder builder, IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt)
    {
        builder.Append("<|begin_of_text|>");
        foreach (var message in messages)
        {
            builder.Append("<|start_header_id|>").Append(RoleOf(message, Name)).Append("<|end_header_id|>\n\n")
                .Append(message.Text.Trim()).Append("<|eot_id|>");
        }
        if (addGenerationPrompt) builder.Append("<|start_header_id|>assistant<|end_header_id|>\n\n");
    }
}
