namespace RagSystem.GenAiBenchmark;

/// <summary>One timed greedy generation: time to first token (session set-up, prefill and the first pick), mean
/// decode time per later token, the median time per decode step spent picking the token (ours only; GenAI's pick happens
/// inside <c>GenerateNextToken</c>), and the tokens.</summary>
internal sealed record DecodeRun(double TtftMs, double DecodeMsPerToken, double? PickMsPerToken, IReadOnlyList<int> Tokens);
