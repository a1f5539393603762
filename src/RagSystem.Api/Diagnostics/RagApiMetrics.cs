using System.Diagnostics.Metrics;
using RagSystem.Answering;

namespace RagSystem.Api.Diagnostics;

/// <summary>The service's OpenTelemetry metrics, on the meter <see cref="MeterName"/>: query, retrieval and generation
/// latency, generated tokens per second (streamed answers, where each piece is one decoding step), and ingested
/// documents per second (per job).</summary>
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
        TokensPerSecond = _meter.CreateHistogram<double>("rag.generation.tokens_per_second", "{token}/s", "Decoding speed of a streamed answer.");
        IngestedDocumentsPerSecond = _meter.CreateHistogram<double>("rag.ingestion.documents_per_second", "{document}/s", "Documents settled per second by an ingestion job.");
        IngestedDocuments = _meter.CreateCounter<long>("rag.ingestion.documents", "{document}", "Documents settled by ingestion jobs and uploads.");
    }

    /// <summary>Query latency in ms.</summary>
    public Histogram<double> QueryLatency { get; }

    /// <summary>Retrieval latency in ms.</summary>
    public Histogram<double> RetrievalLatency { get; }

    /// <summary>Generation latency in ms.</summary>
    public Histogram<double> GenerationLatency { get; }

    /// <summary>Decoding speed of streamed answers.</summary>
    public Histogram<double> TokensPerSecond { get; }

    /// <summary>Per-job ingestion speed.</summary>
    public Histogram<double> IngestedDocumentsPerSecond { get; }

    /// <summary>Documents settled.</summary>
    public Counter<long> IngestedDocuments { get; }

    /// <summary>Records one answer's stage timings.</summary>
    public void RecordAnswer(Answer answer)
    {
        var mode = new KeyValuePair<string, object?>("rag.answer.mode", answer.Mode.ToString());
        QueryLatency.Record(answer.Timings.TotalMs, mode);
        RetrievalLatency.Record(answer.Timings.RetrievalMs);
        GenerationLatency.Record(answer.Timings.GenerationMs, mode);
    }

    /// <summary>Records a streamed generation's speed.</summary>
    public void RecordTokens(int pieces, double generationMs)
    {
        if (pieces > 0 && generationMs > 0) TokensPerSecond.Record(pieces / (generationMs / 1000.0));
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
