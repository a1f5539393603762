namespace RagSystem.Answering;

/// <summary>One item of a streamed answer: first the passages the answer may cite (<see cref="Sources"/>), then pieces of
/// text as they are generated, then, last, the complete <see cref="Answer"/>.</summary>
/// <param name="Text">The next piece of answer text, or null on the final item.</param>
/// <param name="Answer">The complete answer on the final item; null before.</param>
public sealed record AnswerUpdate(string? Text, Answer? Answer)
{
    /// <summary>True on the last item, which carries the complete answer.</summary>
    public bool IsFinal => Answer is not null;

    /// <summary>On the first item only (whose <see cref="Text"/> and <see cref="Answer"/> are null): the passages given to
    /// the model, numbered as the text will cite them; empty for a not-found answer.</summary>
    public IReadOnlyList<Citation>? Sources { get; init; }
}
