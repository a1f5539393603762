using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RagSystem.Api.Diagnostics;
using RagSystem.Testing.Onnx;

namespace RagSystem.Api.Tests;

/// <summary>The service's metrics as an OpenTelemetry exporter would see them, read with a <see cref="MeterListener"/>
/// bound to this host's meters only (tests run in parallel, each host with its own meter factory).</summary>
public sealed class ApiMetricsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Api_tokens_per_second_is_recorded_for_plain_and_streamed_generated_answers()
    {
        // A context window that holds the instructions, and a short answer: the random-weight decoder writes noise.
        var settings = new Dictionary<string, string?> { ["Rag:Answering:MaxAnswerTokens"] = "16" };
        await using var host = new ApiTestHost(settings, models: models =>
            TinyDecoderFolder.Write(Path.Combine(models, "generator"), new TinyDecoderOptions { MaxPositions = 2048 }));
        using var client = host.Client();
        await ApiTestHost.IngestAsync(client, "corpus", Ct);
        var factory = host.Services.GetRequiredService<IMeterFactory>();
        var recorded = new ConcurrentQueue<(double Value, bool Streamed)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == factory && instrument.Meter.Name == RagApiMetrics.MeterName
                    && instrument.Name == "rag.generation.tokens_per_second")
                    l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            var streamed = false;
            foreach (var tag in tags) if (tag.Key == "rag.answer.streamed") streamed = (bool)tag.Value!;
            recorded.Enqueue((value, streamed));
        });
        listener.Start();

        const string question = "What is retrieval-augmented generation?";
        using var plain = await client.PostAsJsonAsync("/v1/query", new { question }, Ct);
        var answer = await plain.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(answer.TryGetProperty("mode", out var mode) && mode.GetString() == "generative", answer.ToString());
        var afterPlain = recorded.ToArray();
        var one = Assert.Single(afterPlain);
        Assert.False(one.Streamed);
        Assert.True(one.Value > 0, $"tokens/s of the plain answer: {one.Value}");

        using var streamed = await client.PostAsJsonAsync("/v1/query", new { question, stream = true }, Ct);
        await streamed.Content.ReadAsStringAsync(Ct);
        Assert.Equal(2, recorded.Count);
        Assert.Contains(recorded, r => r.Streamed && r.Value > 0);
    }

    [Fact]
    public async Task Api_extractive_answers_record_no_tokens_per_second()
    {
        await using var host = new ApiTestHost();
        using var client = host.Client();
        await ApiTestHost.IngestAsync(client, "corpus", Ct);
        var factory = host.Services.GetRequiredService<IMeterFactory>();
        var names = new ConcurrentQueue<string>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == factory && instrument.Meter.Name == RagApiMetrics.MeterName) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<double>((instrument, _, _, _) => names.Enqueue(instrument.Name));
        listener.Start();

        using var plain = await client.PostAsJsonAsync("/v1/query", new { question = "What is retrieval-augmented generation?" }, Ct);
        Assert.Equal("extractive", (await plain.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("mode").GetString());
        Assert.Contains("rag.query.duration", names);
        Assert.DoesNotContain("rag.generation.tokens_per_second", names);
    }
}
