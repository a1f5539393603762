using System.Text;
using Microsoft.Extensions.AI;

namespace RagSystem.Generation;

/// <summary>Llama-2 chat: <c>&lt;s&gt;[INST] &lt;&lt;SYS&gt;&gt;\nsystem\n&lt;&lt;/SYS&gt;&gt;\n\nuser [/INST] answer &lt;/s&gt;</c>,
/// rendered as the Hugging Face template does (the system prompt joins the first user turn; contents are trimmed).</summary>
public sealed class ChatTemplateLlama2 : ChatTemplate
{
    /// <inheritdoc />
    public override string Name => "llama2";

    /// <inheritdoc />
    public override IReadOnlyList<string> StopStrings { get; } = ["</s>"];

    /// <inheritdoc />
    protected override void RenderCore(StringBuilder builder, IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt)
    {
        string? system = null;
        var start = 0;
        if (messages.Count > 0 && messages[0].Role == ChatRole.System)
        {
            system = messages[0].Text.Trim();
            start = 1;
        }
        var lastWasUser = false;
        for (var i = start; i < messages.Count; i++)
        {
            var message = messages[i];
            var role = RoleOf(message, Name);
            var content = message.Text.Trim();
            if (role == "system")
                throw new NotSupportedException("The llama2 chat template accepts a system message only as the first message.");
            if (role == "user")
            {
                if (system is not null)
                {
                    content = "<<SYS>>\n" + system + "\n<</SYS>>\n\n" + content;
                    system = null;
                }
                builder.Append("<s>[INST] ").Append(content).Append(" [/INST]");
                lastWasUser = true;
            }
            else
            {
                builder.Append(' ').Append(content).Append(" </s>");
                lastWasUser = false;
            }
        }
        // The model continues right after "[/INST]"; its answer starts with a space token.
        if (addGenerationPrompt && !lastWasUser && system is not null)
            builder.Append("<s>[INST] <<SYS>>\n").Append(system).Append("\n<</SYS>> [/INST]");
    }
}
