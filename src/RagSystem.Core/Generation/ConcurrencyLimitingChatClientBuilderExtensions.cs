using Microsoft.Extensions.AI;

namespace RagSystem.Generation;

/// <summary>Adds <see cref="ConcurrencyLimitingChatClient"/> to a <see cref="ChatClientBuilder"/> pipeline.</summary>
public static class ConcurrencyLimitingChatClientBuilderExtensions
{
    /// <summary>Lets at most <paramref name="maxConcurrentGenerations"/> generations run at once through the clients added after it.</summary>
    public static ChatClientBuilder UseConcurrencyLimit(this ChatClientBuilder builder, int maxConcurrentGenerations)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new ConcurrencyLimitingChatClient(inner, maxConcurrentGenerations));
    }
}
