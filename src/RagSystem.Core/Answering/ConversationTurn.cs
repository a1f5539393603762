namespace RagSystem.Answering;

/// <summary>One earlier exchange in a chat: the (standalone) question and the answer given.</summary>
/// <param name="Question">The question as it was answered (already rewritten to stand alone).</param>
/// <param name="Answer">The answer text.</param>
public sealed record ConversationTurn(string Question, string Answer);
