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

    public string? LastSystem => Calls.LastOrDefault()?.FirstOrDefault(m => m.Role == ChatRole.System)?.Text;

    public string? LastUser => Calls.LastOrDefault()?.FirstOrDefault(m => m.Role == ChatRole.User)?.Text;

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Calls.Add(messages.ToList());
        Options.Add(options);
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, reply)));
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
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        Services.TryGetValue(serviceType, out var service) ? service : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
