using System.Runtime.InteropServices;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.AI;
using RagSystem.Answering;
using RagSystem.Api.Diagnostics;
using RagSystem.Api.Hosting;
using RagSystem.Api.OpenAi;
using RagSystem.Api.Streaming;

namespace RagSystem.Api.Endpoints;

/// <summary>OpenAI-compatible endpoints, so existing clients and chat front-ends work unchanged: chat completions answered
/// from the documents (citations appended to the message and in an extra <c>citations</c> field), models and embeddings.</summary>
public static class OpenAiEndpoints
{
    /// <summary>The model name under which the RAG answerer is listed.</summary>
    public const string RagModelId = "rag";

    private static readonly long StartedUnix = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>Maps the endpoints onto the <c>/v1</c> group.</summary>
    public static RouteGroupBuilder MapOpenAiEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapPost("/chat/completions", ChatAsync)
            .WithName("ChatCompletions").WithTags("OpenAI")
            .WithSummary("OpenAI-compatible chat completion, answered from the documents with citations")
            .Produces<ChatCompletionJson>(StatusCodes.Status200OK, "application/json", "text/event-stream")
            .Produces<ProblemDetails>(StatusCodes.Status400BadRequest);
        v1.MapGet("/models", Models)
            .WithName("ListModels").WithTags("OpenAI").WithSummary("OpenAI-compatible model list");
        v1.MapPost("/embeddings", EmbedAsync)
            .WithName("Embeddings").WithTags("OpenAI").WithSummary("OpenAI-compatible embeddings from the local ONNX encoder")
            .Produces<ProblemDetails>(StatusCodes.Status400BadRequest).Produces<ProblemDetails>(StatusCodes.Status503ServiceUnavailable);
        return v1;
    }

    private static async Task ChatAsync(HttpContext context, ChatCompletionRequest request, Answerer answerer, RetrievalRequestSettings settings,
        RagApiMetrics metrics)
    {
        var question = request.Messages?.LastOrDefault(m => string.Equals(m.Role, "user", StringComparison.OrdinalIgnoreCase))?.Text;
        if (string.IsNullOrWhiteSpace(question))
            throw new RagException(RagErrorKind.InvalidInput, "'messages' has no user message with text; the last user message is the question.");
        var options = new AskOptions { Retrieval = settings.For(null, null), MaxAnswerTokens = request.MaxCompletionTokens ?? request.MaxTokens };
        var model = string.IsNullOrWhiteSpace(request.Model) ? RagModelId : request.Model;
        var id = "chatcmpl-" + Guid.NewGuid().ToString("N");
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var json = ApiJson.Options(context);
        var ct = context.RequestAborted;
        if (request.Stream != true)
        {
            var answer = await answerer.AskAsync(question, options, ct);
            metrics.RecordAnswer(answer);
            var message = new ChatMessageOutJson("assistant", answer.Text + SourcesBlock(answer.Citations));
            await Results.Json(new ChatCompletionJson(id, "chat.completion", created, model, [new ChatChoiceJson(0, message, null, "stop")],
                Citations(answer)), json).ExecuteAsync(context);
            return;
        }

        var events = new ServerSentEventWriter(context.Response, json);
        ChatCompletionJson Chunk(ChatMessageOutJson? delta, string? finish, IReadOnlyList<CitationJson>? citations = null) =>
            new(id, "chat.completion.chunk", created, model, [new ChatChoiceJson(0, null, delta, finish)], citations);
        await events.WriteDataAsync(Chunk(new ChatMessageOutJson("assistant", ""), null), ct);
        var pieces = 0;
        await foreach (var update in answerer.AskStreamingAsync(question, options, ct))
        {
            if (update.Text is { Length: > 0 } piece)
            {
                pieces++;
                await events.WriteDataAsync(Chunk(new ChatMessageOutJson(null, piece), null), ct);
            }
            else if (update.Answer is { } answer)
            {
                metrics.RecordAnswer(answer, pieces);
                if (SourcesBlock(answer.Citations) is { Length: > 0 } sources)
                    await events.WriteDataAsync(Chunk(new ChatMessageOutJson(null, sources), null), ct);
                await events.WriteDataAsync(Chunk(new ChatMessageOutJson(null, null), "stop", Citations(answer)), ct);
            }
        }
        await events.WriteRawAsync("data: [DONE]\n\n", ct);
    }

    /// <summary>The citations as text under the answer, so a plain chat front-end shows where the answer came from.</summary>
    private static string SourcesBlock(IReadOnlyList<Citation> citations)
    {
        if (citations.Count == 0) return "";
        var text = new StringBuilder("\n\nSources:");
        foreach (var c in citations)
        {
            text.Append($"\n[{c.Number}] {c.Source}");
            if (c.PageStart is { } p) text.Append(c.PageEnd is { } e && e != p ? $", pages {p}-{e}" : $", page {p}");
        }
        return text.ToString();
    }

    private static List<CitationJson> Citations(Answer answer) => AnswerJson.ToDocument(answer).Citations.ToList();

    private static Ok<ModelListJson> Models(RagModels models)
    {
        var list = new List<ModelJson> { new(RagModelId, "model", StartedUnix, "ragsystem") };
        if (models.EmbeddingGenerator?.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId is { } encoder)
            list.Add(new ModelJson(encoder, "model", StartedUnix, "ragsystem"));
        return TypedResults.Ok(new ModelListJson("list", list));
    }

    private static async Task<Ok<EmbeddingsResponse>> EmbedAsync(EmbeddingsRequest request, RagModels models, CancellationToken ct)
    {
        var texts = request.Texts();
        var generator = models.EmbeddingGenerator
            ?? throw new RagException(RagErrorKind.Unavailable, "No embedding model is installed; run `rag models pull bge-small-en-v1.5` on the server.");
        var base64 = string.Equals(request.EncodingFormat, "base64", StringComparison.OrdinalIgnoreCase);
        if (request.EncodingFormat is { } format && !base64 && !string.Equals(format, "float", StringComparison.OrdinalIgnoreCase))
            throw new RagException(RagErrorKind.InvalidInput, $"encoding_format '{format}' is not supported; use float or base64.");
        var embeddings = await generator.GenerateAsync(texts, cancellationToken: ct);
        var data = embeddings.Select((e, i) => new EmbeddingJson("embedding", i,
            base64 ? Convert.ToBase64String(MemoryMarshal.AsBytes(e.Vector.Span)) : e.Vector.ToArray())).ToList();
        var name = generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? "embedding";
        var tokens = embeddings.Usage?.InputTokenCount ?? 0;
        return TypedResults.Ok(new EmbeddingsResponse("list", data, name, new EmbeddingUsageJson(tokens, tokens)));
    }
}
