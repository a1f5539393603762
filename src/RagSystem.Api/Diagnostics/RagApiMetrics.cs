using System.Diagnostics.Metrics;
using RagSystem.Answering;

namespace RagSystem.Api.Diagnostics;

/// <summary>The service's OpenTelemetry metrics, on the meter <see cref="MeterName"/>: query, retrieval and generation
/// latency, generated tokens per second (every generated answer, streamed or not), and ingested documents per second
/// (per job).</summary>
public sealed class RagApiMetrics : IDisposable
{
    /// <summary>The meter to subscribe to.</summary>
    public const string MeterName = "RagSystem.Api";

    private readonly Meter _meter;

    /// <summary>Creates the instruments through the host's meter factory.</summary>
    public RagApiMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        QueryLatency = _meter.CreateHistogram<double>("rag.query.duration", "ms", "Time to answer a question, retrieval to last token.");
        RetrievalLatency = _meter.CreateHistogram<double>("rag.retrieval.duration", "ms", "Time to retrieve the passages of a query or search.");
        GenerationLatency = _meter.CreateHistogram<double>("rag.generation.duration", "ms", "Time spent generating (or extracting) an answer.");
        TokensPerSecond = _meter.CreateHistogram<double>("rag.generation.tokens_per_second", "{token}/s", "Generated tokens per second of generation time (prompt rendering, prefill and decoding) of a generated answer.");
        IngestedDocumentsPerSecond = _meter.CreateHistogram<double>("rag.ingestion.documents_per_second", "{document}/s", "Documents settled per second by an ingestion job.");
        IngestedDocuments = _meter.CreateCounter<long>("rag.ingestion.documents", "{document}", "Documents settled by ingestion jobs and uploads.");
    }

    /// <summary>Query latency in ms.</summary>
    public Histogram<double> QueryLatency { get; }

    /// <summary>Retrieval latency in ms.</summary>
    public Histogram<double> RetrievalLatency { get; }

    /// <summary>Generation latency in ms.</summary>
    public Histogram<double> GenerationLatency { get; }

    /// <summary>Generation speed of generated answers, streamed or not.</summary>
    public Histogram<double> TokensPerSecond { get; }

    /// <summary>Per-job ingestion speed.</summary>
    public Histogram<double> IngestedDocumentsPerSecond { get; }

    /// <summary>Documents settled.</summary>
    public Counter<long> IngestedDocuments { get; }

    /// <summary>Records one answer's stage timings and, for a generated answer, its tokens per second.</summary>
    /// <param name="answer">The answer, streamed or not.</param>
    /// <param name="streamedPieces">For a streamed answer, the pieces of text sent: the token count used when the generator
    /// reports no usage (<see cref="Answer.GeneratedTokens"/> is null), since each piece is then one decoding step.</param>
    public void RecordAnswer(Answer answer, int? streamedPieces = null)
    {
        var mode = new KeyValuePair<string, object?>("rag.answer.mode", answer.Mode.ToString());
        QueryLatency.Record(answer.Timings.TotalMs, mode);
        RetrievalLatency.Record(answer.Timings.RetrievalMs);
        GenerationLatency.Record(answer.Timings.GenerationMs, mode);
        if (answer.Mode != AnswerMode.Generative) return;
        var tokens = answer.GeneratedTokens ?? streamedPieces ?? 0;
        var streamed = new KeyValuePair<string, object?>("rag.answer.streamed", streamedPieces is not null);
        if (tokens > 0 && answer.Timings.GenerationMs > 0) TokensPerSecond.Record(tokens / (answer.Timings.GenerationMs / 1000.0), streamed);
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
