namespace RagSystem.Answering;

/// <summary>The generator's context window cannot hold the rules, the question, one passage and the answer budget.</summary>
public sealed class PromptBudgetException(string message) : RagException(RagErrorKind.Misconfigured, message);
