using System.Diagnostics;
using RagSystem.Generation;

namespace RagSystem.GenAiBenchmark;

/// <summary>Our loop exactly as <see cref="OnnxChatClient"/> runs it: a <see cref="DecoderSession"/> (IO binding) and a
/// <see cref="Sampler"/> at temperature 0 (arg-max). Also times the pick of each decode step.</summary>
internal sealed class OursGreedyStepper(DecoderModel model, int maxLength) : IGreedyStepper
{
    private readonly Sampler _sampler = new(0f);
    private DecoderSession? _session;
    private int _last;

    /// <summary>Time spent picking the token in each decode step, ms.</summary>
    public List<double> PickMs { get; } = [];

    public int Prefill(int[] prompt)
    {
        _session = model.CreateSession(maxLength);
        return _last = _sampler.Next(_session.Append(prompt));
    }

    public int Step()
    {
        var logits = _session!.Append([_last]);
        var start = Stopwatch.GetTimestamp();
        _last = _sampler.Next(logits);
        PickMs.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        return _last;
    }

    public void Dispose() => _session?.Dispose();
}
