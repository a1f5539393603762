using Microsoft.ML.OnnxRuntimeGenAI;

namespace RagSystem.GenAiBenchmark;

/// <summary>GenAI's loop as its samples write it: <c>GeneratorParams</c> with <c>do_sample=false</c>, a <c>Generator</c>,
/// <c>AppendTokens</c> for the prompt, then <c>GenerateNextToken</c> per token.</summary>
internal sealed class GenAiGreedyStepper(Model model, int maxLength) : IGreedyStepper
{
    private GeneratorParams? _parameters;
    private Generator? _generator;

    public int Prefill(int[] prompt)
    {
        _parameters = new GeneratorParams(model);
        _parameters.SetSearchOption("max_length", maxLength);
        _parameters.SetSearchOption("do_sample", false);
        _generator = new Generator(model, _parameters);
        _generator.AppendTokens(prompt); // runs the prefill; the next call picks from its logits
        return Step();
    }

    public int Step()
    {
        _generator!.GenerateNextToken();
        return _generator.GetSequence(0)[^1];
    }

    public void Dispose()
    {
        _generator?.Dispose();
        _parameters?.Dispose();
    }
}
