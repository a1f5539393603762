namespace RagSystem.Answering;

/// <summary>One item of a streamed answer: a piece of text as it is generated, then, last, the complete <see cref="Answer"/>.</summary>
/// <param name="Text">The next piece of answer text, or null on the final item.</param>
/// <param name="Answer">The complete answer on the final item; null before.</param>
public sealed record AnswerUpdate(string? Text, Answer? Answer)
{
    /// <summary>True on the last item, which carries the complete answer.</summary>
    public bool IsFinal => Answer is not null;
}
