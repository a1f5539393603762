namespace RagSystem.GenAiBenchmark;

/// <summary>One greedy generation, driven a step at a time so two loops can be interleaved step by step.</summary>
internal interface IGreedyStepper : IDisposable
{
    /// <summary>Sets up the sequence, runs the prompt and picks the first token.</summary>
    int Prefill(int[] prompt);

    /// <summary>Feeds the last token and picks the next.</summary>
    int Step();
}
