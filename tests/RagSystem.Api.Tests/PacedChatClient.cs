using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace RagSystem.Api.Tests;

/// <summary>Passes a real chat client's streamed updates on one at a time with a pause between them, the pace of a larger
/// model on a CPU, so a browser test can stop a generation while it is still streaming; counts the streams that ended by
/// cancellation (which is how the server sees a stopped request). Whole replies are not slowed.</summary>
public sealed class PacedChatClient(IChatClient inner, TimeSpan pause) : DelegatingChatClient(inner)
{
    private int _cancelled;
    private int _completed;

    /// <summary>Streams ended because their cancellation token fired.</summary>
    public int Cancelled => Volatile.Read(ref _cancelled);

    /// <summary>Streams that ran to their end.</summary>
    public int Completed => Volatile.Read(ref _completed);

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages,
        ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            bool more;
            try
            {
                more = await updates.MoveNextAsync();
                if (more) await Task.Delay(pause, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref _cancelled);
                throw;
            }
            if (!more) break;
            yield return updates.Current;
        }
        Interlocked.Increment(ref _completed);
    }
}
