using Microsoft.Extensions.AI;
using RagSystem.Generation;

namespace RagSystem.IntegrationTests.Generation;

/// <summary>The ONNX Runtime GenAI-format Llama (fp16 KV and logits, external data, Llama-2 tokenizer and template).</summary>
public sealed class TinyRandomLlamaChatTests
{
    [Fact]
    public async Task GeneratesWithLlama2Template_StreamingEqualsNonStreaming()
    {
        var dir = RealDecoderKvCacheTests.SharedModel();
        using var client = OnnxChatClient.TryCreate(dir, out var reason);
        Assert.True(client is not null, reason);
        Assert.Equal("llama2", client.Template.Name);
        // genai_config.json says eos 1 while the tokenizer's </s> is 2: both stop generation.
        Assert.Contains(1, client.StopTokenIds);
        Assert.Contains(2, client.StopTokenIds);

        ChatMessage[] messages = [new(ChatRole.System, "Be brief."), new(ChatRole.User, "Hello, who are you?")];
        var prompt = client.Tokenizer.Encode(client.Template.Render(messages));
        Assert.Equal(1, prompt[0]); // <s> written by the template is the single BOS id

        var options = new ChatOptions { MaxOutputTokens = 16 };
        var ct = TestContext.Current.CancellationToken;
        var response = await client.GetResponseAsync(messages, options, ct);
        var streamed = new System.Text.StringBuilder();
        await foreach (var u in client.GetStreamingResponseAsync(messages, options, ct)) streamed.Append(u.Text);
        Assert.Equal(response.Text, streamed.ToString());
        Assert.InRange(response.Usage!.OutputTokenCount!.Value, 1, 16);
        Assert.Equal(prompt.Count, response.Usage.InputTokenCount);
    }
}
