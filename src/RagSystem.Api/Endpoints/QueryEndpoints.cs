using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using RagSystem.Answering;
using RagSystem.Api.Contracts;
using RagSystem.Api.Diagnostics;
using RagSystem.Api.Hosting;
using RagSystem.Api.Streaming;
using RagSystem.Retrieval;

namespace RagSystem.Api.Endpoints;

/// <summary><c>POST /v1/query</c> (an answer with citations, JSON or Server-Sent Events) and <c>POST /v1/search</c>.</summary>
public static class QueryEndpoints
{
    /// <summary>Maps the endpoints onto the <c>/v1</c> group.</summary>
    public static RouteGroupBuilder MapQueryEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapPost("/query", QueryAsync)
            .WithName("Query").WithTags("Query")
            .WithSummary("Answers a question from the documents, with citations")
            .WithDescription("Returns the same JSON as `rag ask --json`. With `stream: true` or `Accept: text/event-stream` the answer "
                + "arrives as Server-Sent Events: `citations` (the passages the answer may cite), `token`… (pieces of text), then "
                + "`done` (the complete answer with timings) or `error` (a problem). With `history` (earlier turns) the question is a "
                + "follow-up, rewritten to stand alone as `rag chat` does; the answer's `question` is the one searched for, and the "
                + "stream starts with a `question` event `{question, original}`.")
            .Accepts<QueryRequest>("application/json")
            .Produces<AnswerJsonDocument>(StatusCodes.Status200OK, "application/json", "text/event-stream")
            .Produces<ProblemDetails>(StatusCodes.Status400BadRequest);
        v1.MapPost("/search", SearchAsync)
            .WithName("Search").WithTags("Query")
            .WithSummary("Returns the chunks most relevant to a query, scored")
            .Produces<ProblemDetails>(StatusCodes.Status400BadRequest);
        return v1;
    }

    private static async Task QueryAsync(HttpContext context, QueryRequest request, Answerer answerer, RetrievalRequestSettings settings,
        FollowUpQuestion followUp, RagApiMetrics metrics)
    {
        var original = RetrievalRequestSettings.Required(request.Question, "question");
        var options = new AskOptions { Retrieval = settings.For(request.TopK, request.Filters) };
        var json = ApiJson.Options(context);
        var ct = context.RequestAborted;
        var question = await followUp.StandaloneAsync(original, request.History, ct);
        var wantsStream = request.Stream ?? context.Request.Headers.Accept.Any(a => a?.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase) == true);
        if (!wantsStream)
        {
            var answer = await answerer.AskAsync(question, options, ct);
            metrics.RecordAnswer(answer);
            await Results.Json(AnswerJson.ToDocument(answer), json).ExecuteAsync(context);
            return;
        }

        var events = new ServerSentEventWriter(context.Response, json);
        var pieces = 0;
        try
        {
            if (request.History is { Count: > 0 }) await events.WriteEventAsync("question", new { question, original }, ct);
            await foreach (var update in answerer.AskStreamingAsync(question, options, ct))
            {
                if (update.Sources is { } sources)
                    await events.WriteEventAsync("citations", new { citations = sources.Select(AnswerJson.ToJson).ToList() }, ct);
                else if (update.Answer is { } answer)
                {
                    metrics.RecordAnswer(answer, pieces);
                    await events.WriteEventAsync("done", AnswerJson.ToDocument(answer), ct);
                }
                else if (update.Text is { Length: > 0 } piece)
                {
                    pieces++;
                    await events.WriteEventAsync("token", new { text = piece }, ct);
                }
            }
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && RagProblemMapping.ToProblem(ex) is { } problem)
        {
            // The status line is already sent; the failure travels as the stream's last event.
            await events.WriteEventAsync("error", problem, CancellationToken.None);
        }
    }

    private static async Task<Ok<SearchResponse>> SearchAsync(SearchQueryRequest request, HybridRetriever retriever, RetrievalRequestSettings settings,
        RagApiMetrics metrics, CancellationToken ct)
    {
        var query = RetrievalRequestSettings.Required(request.Query, "query");
        var options = settings.For(request.TopK, request.Filters);
        var clock = Stopwatch.StartNew();
        var hits = await retriever.RetrieveAsync(query, options, ct);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        metrics.RetrievalLatency.Record(elapsed);
        return TypedResults.Ok(new SearchResponse(query, retriever.ModeFor(options), hits.Select((h, i) => SearchHitJson.From(i + 1, h)).ToList(),
            Math.Round(elapsed, 2)));
    }
}
