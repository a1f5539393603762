using Microsoft.Extensions.AI;
using RagSystem.Generation;

namespace RagSystem.Core.Tests.Generation;

public sealed class ChatTemplateTests
{
    private static readonly ChatMessage[] Conversation =
    [
        new(ChatRole.System, "Use the context."),
        new(ChatRole.User, "Hi"),
        new(ChatRole.Assistant, "Hello!"),
        new(ChatRole.User, "What is RAG?"),
    ];

    [Fact]
    public void ChatMl_RendersTurnsAndGenerationPrompt() => Assert.Equal(
        "<|im_start|>system\nUse the context.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\nHello!<|im_end|>\n" +
        "<|im_start|>user\nWhat is RAG?<|im_end|>\n<|im_start|>assistant\n",
        new ChatTemplateChatMl().Render(Conversation));

    [Fact]
    public void Llama2_FoldsSystemIntoFirstUserTurn() => Assert.Equal(
        "<s>[INST] <<SYS>>\nUse the context.\n<</SYS>>\n\nHi [/INST] Hello! </s><s>[INST] What is RAG? [/INST]",
        new ChatTemplateLlama2().Render(Conversation));

    [Fact]
    public void Llama3_UsesHeadersAndEotId() => Assert.Equal(
        "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nUse the context.<|eot_id|>" +
        "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\nHello!<|eot_id|>" +
        "<|start_header_id|>user<|end_header_id|>\n\nWhat is RAG?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
        new ChatTemplateLlama3().Render(Conversation));

    [Fact]
    public void Phi3_UsesRoleTagsAndEnd() => Assert.Equal(
        "<|system|>\nUse the context.<|end|>\n<|user|>\nHi<|end|>\n<|assistant|>\nHello!<|end|>\n<|user|>\nWhat is RAG?<|end|>\n<|assistant|>\n",
        new ChatTemplatePhi3().Render(Conversation));

    [Fact]
    public void WithoutGenerationPrompt_TheTextEndsAfterTheLastTurn() =>
        Assert.EndsWith("What is RAG?<|im_end|>\n", new ChatTemplateChatMl().Render(Conversation, addGenerationPrompt: false));

    [Fact]
    public void StopStrings_EndEachTemplatesTurn()
    {
        Assert.Contains("<|im_end|>", new ChatTemplateChatMl().StopStrings);
        Assert.Contains("</s>", new ChatTemplateLlama2().StopStrings);
        Assert.Contains("<|eot_id|>", new ChatTemplateLlama3().StopStrings);
        Assert.Contains("<|end|>", new ChatTemplatePhi3().StopStrings);
    }

    [Theory]
    // Excerpts of the real templates' Jinja (Qwen2.5, SmolLM2, Llama-2-chat, Llama-3.1-instruct, Phi-3-mini).
    [InlineData("{%- for message in messages %}{{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>' + '\\n' }}{%- endfor %}", "chatml")]
    [InlineData("{% if messages[0]['role'] == 'system' %}{% set loop_messages = messages[1:] %}{{ bos_token + '[INST] ' + content.strip() + ' [/INST]' }}", "llama2")]
    [InlineData("{{- '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n'+ message['content'] | trim + '<|eot_id|>' }}", "llama3")]
    [InlineData("{% for message in messages %}{{'<|' + message['role'] + '|>' + '\\n' + message['content'] + '<|end|>\\n' }}{% endfor %}{{ '<|assistant|>\\n' }}", "phi3")]
    public void FromJinja_RecognisesTemplatesByTheirMarkers(string jinja, string expected) =>
        Assert.Equal(expected, ChatTemplateResolver.FromJinja(jinja)!.Name);

    [Fact]
    public void FromJinja_ReturnsNullForUnknownTemplates_AndFromNameRejectsUnknownNames()
    {
        Assert.Null(ChatTemplateResolver.FromJinja("{{ messages[0].content }}"));
        Assert.Throws<ArgumentException>(() => ChatTemplateResolver.FromName("alpaca"));
    }

    [Fact]
    public void ToolMessages_AreRejectedWithAClearMessage()
    {
        var ex = Assert.Throws<NotSupportedException>(() => new ChatTemplateChatMl().Render([new ChatMessage(ChatRole.Tool, "42")]));
        Assert.Contains("tool", ex.Message);
    }
}
