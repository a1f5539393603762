using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace RagSystem.Core.Tests.Answering;

/// <summary>A chat client that records what it was sent and replies with a scripted answer
/// (streamed word by word).</summary>
internal sealed class FakeChatClient(string reply) : IChatClient
{
    public List<List<ChatMessage>> Calls { get; } = [];

    public List<ChatOptions?> Options { get; } = [];

    public Dictionary<Type, object> Services { get; } = [];

    /// <summary>When set, the output-token count reported as usage (on the response, or on the last streamed update).</summary>
    public long? OutputTokens { get; init; }

    public string? LastSystem => Calls.LastOrDefault()?.FirstOrDefault(m => m.Role == ChatRole.System)?.Text;

    public string? LastUser => Calls.LastOrDefault()?.FirstOrDefault(m => m.Role == ChatRole.User)?.Text;

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Calls.Add(messages.ToList());
        Options.Add(options);
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, reply));
        if (OutputTokens is { } tokens) response.Usage = new UsageDetails { OutputTokenCount = tokens };
        return Task.FromResult(response);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages,
        ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Calls.Add(messages.ToList());
        Options.Add(options);
        var pieces = reply.Split(' ');
        for (var i = 0; i < pieces.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, i == 0 ? pieces[i] : " " + pieces[i]);
        }
        if (OutputTokens is { } tokens)
            yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(new UsageDetails { OutputTokenCount = tokens })]);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        Services.TryGetValue(serviceType, out var service) ? service : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
