using System.Text;
using Microsoft.Extensions.AI;

namespace RagSystem.Generation;

/// <summary>Renders chat messages into the prompt text a model was trained on, and names the strings that end its turn.
/// Templates are recognised from markers in <c>tokenizer_config.json</c>'s Jinja <c>chat_template</c> (we do not run Jinja)
/// or named in <c>rag-model.json</c>; see <see cref="ChatTemplateResolver"/>.</summary>
public abstract class ChatTemplate
{
    /// <summary>The name used in <c>rag-model.json</c>: <c>chatml</c>, <c>llama2</c>, <c>llama3</c> or <c>phi3</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Text that ends the assistant's turn; generation stops there and the text is not emitted.</summary>
    public abstract IReadOnlyList<string> StopStrings { get; }

    /// <summary>Renders <paramref name="messages"/>; with <paramref name="addGenerationPrompt"/> the text ends where the
    /// assistant's reply begins.</summary>
    public string Render(IEnumerable<ChatMessage> messages, bool addGenerationPrompt = true)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var builder = new StringBuilder();
        RenderCore(builder, messages.ToList(), addGenerationPrompt);
        return builder.ToString();
    }

    /// <summary>Writes the prompt into <paramref name="builder"/>.</summary>
    protected abstract void RenderCore(StringBuilder builder, IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt);

    /// <summary>The role name, rejecting roles the template cannot express.</summary>
    protected static string RoleOf(ChatMessage message, string templateName)
    {
        if (message.Role == ChatRole.System) return "system";
        if (message.Role == ChatRole.User) return "user";
        if (message.Role == ChatRole.Assistant) return "assistant";
        throw new NotSupportedException(
            $"The {templateName} chat template has no '{message.Role.Value}' role; send system, user and assistant messages only.");
    }
}
