namespace RagSystem.Answering;

/// <summary>The generator's size limits. A chat client advertises them through
/// <c>IChatClient.GetService(typeof(ChatModelLimits))</c>; the answerer uses them when its options leave them unset.</summary>
/// <param name="ContextWindowTokens">Tokens the model attends to: prompt plus answer.</param>
/// <param name="MaxOutputTokens">The most tokens the model may generate, when it has its own cap.</param>
public sealed record ChatModelLimits(int ContextWindowTokens, int? MaxOutputTokens = null);
