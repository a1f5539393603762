using System.Text.Json;
using System.Text.Json.Nodes;
using RagSystem.Answering;
using RagSystem.Api.Contracts;
using RagSystem.Api.Jobs;
using RagSystem.Api.OpenAi;

namespace RagSystem.Api.OpenApi;

/// <summary>One example value for each request and response type of the API, built from the real records so that an
/// example can never name a field the type does not have. <see cref="ExampleSchemaTransformer"/> and
/// <see cref="ExampleOperationTransformer"/> serialize them with the service's own JSON options.</summary>
internal static class ApiExamples
{
    private const string Question = "What is retrieval-augmented generation?";
    private static readonly Guid ChunkA = Guid.Parse("3f2a8c1e-5b7d-4e0f-9a61-2c4b8d0e7f13");
    private static readonly Guid ChunkB = Guid.Parse("9c0d4e2f-1a3b-4c5d-8e6f-7a8b9c0d1e2f");
    private static readonly Guid ChunkC = Guid.Parse("c4e1f7a2-8d3b-4f6e-a09c-5b2d7e1f3a86");
    private static readonly DateTimeOffset At = new(2026, 11, 30, 9, 15, 0, TimeSpan.Zero);

    private static readonly Dictionary<Type, Func<object>> Examples = new()
    {
        [typeof(QueryRequest)] = () => new QueryRequest(Question, TopK: 5, Filters: new FiltersJson(PathPrefix: "retrieval")),
        [typeof(AnswerJsonDocument)] = () => Answer,
        [typeof(SearchQueryRequest)] = () => new SearchQueryRequest("reward model human preferences", TopK: 8),
        [typeof(SearchResponse)] = () => new SearchResponse("reward model human preferences", "hybrid",
            [new SearchHitJson(1, ChunkB, "b41c7e0a9d2f5e6c8a1b3d4f6e7c9a0b", "reinforcement-learning-from-human-feedback.pdf",
                "A reward model is trained on human preference comparisons between two answers…", 4, 4, null, 0.0325, 7.41, 0.62, null)
                { PageLabel = "2" },
             new SearchHitJson(2, ChunkC, "e07a3b9c5d1f4a2e8b6c0d9f7a5e3c1b", "scans/annotation-guidelines.pdf",
                "Labellers rank the two answers by helpfulness; the reward model learns these preferences…", 3, 3, null, 0.0318, 5.96,
                0.58, null) { Ocr = true, OcrConfidence = 0.9412 }], 12.4),
        [typeof(IngestionRequest)] = () => new IngestionRequest("corpus"),
        [typeof(IngestionJob)] = () => Job,
        [typeof(PageJson<IngestionJob>)] = () => new PageJson<IngestionJob>([Job], 0, 20, 1),
        [typeof(DocumentJson)] = () => Document with { Chunks = [Chunk] },
        [typeof(PageJson<DocumentJson>)] = () => new PageJson<DocumentJson>([Document], 0, 50, 1),
        [typeof(UploadResult)] = () => new UploadResult([Document with { Path = "note.md", Id = "0d9a6c3e1f7b4a2c9e5d8b0a3c6f1e7d", Format = "markdown", Title = "Note" }],
            new JobCounts(1, 0, 0, 0, 0, 0, 1, 84.2), []),
        [typeof(ChatCompletionRequest)] = () => new ChatCompletionRequest("rag",
            [new ChatMessageJson("system", Text("Be brief.")), new ChatMessageJson("user", Text(Question))], Stream: false, MaxCompletionTokens: 256),
        [typeof(ChatCompletionJson)] = () => new ChatCompletionJson("chatcmpl-5f0c2d7e9b1a4c3d8e6f7a8b9c0d1e2f", "chat.completion", 1796029200, "rag",
            [new ChatChoiceJson(0, new ChatMessageOutJson("assistant", AnswerText + "\n\nSources:\n[1] retrieval-augmented-generation.md"), null, "stop")],
            Answer.Citations),
        [typeof(ModelListJson)] = () => new ModelListJson("list",
            [new ModelJson("rag", "model", 1796029200, "ragsystem"), new ModelJson("bge-small-en-v1.5", "model", 1796029200, "ragsystem")]),
        [typeof(EmbeddingsRequest)] = () => new EmbeddingsRequest(Text("a token is a piece of text"), "bge-small-en-v1.5", "float"),
        [typeof(HealthReportJson)] = () => new HealthReportJson("healthy", new Dictionary<string, HealthCheckJson>
        {
            ["store"] = new("healthy", "8 documents, 212 chunks at /var/lib/rag/rag.db", new Dictionary<string, object>()),
            ["models"] = new("healthy", "all configured models loaded", new Dictionary<string, object> { ["embedding"] = true, ["reranker"] = false, ["generator"] = true }),
        }),
        [typeof(EmbeddingsResponse)] = () => new EmbeddingsResponse("list",
            [new EmbeddingJson("embedding", 0, new[] { 0.0213f, -0.0871f, 0.0542f })], "bge-small-en-v1.5", new EmbeddingUsageJson(9, 9)),
    };

    private const string AnswerText = "Retrieval-augmented generation answers from passages retrieved from your documents, which the "
        + "prompt gives to the model with the question [1].";

    private static AnswerJsonDocument Answer => new(AnswerText, AnswerMode.Generative, Question,
        [new CitationJson(1, "retrieval-augmented-generation.md", null, null, "Retrieval-augmented generation", ChunkA,
            "Retrieval-augmented generation (RAG) retrieves passages from a document collection and gives them to the model…", 0.0328)
            { Quote = "Retrieval-augmented generation (RAG) retrieves passages from a document collection" }],
        CitationsFromText: true, new TimingsJson(14.2, 0, 812.5, 831.0, 95.3), 0.83,
        [new RetrievalJson(1, ChunkA, "retrieval-augmented-generation.md", 0.0328, 9.12, 0.71, null, 0.83)]);

    private static IngestionJob Job => new("7d1e0c5a9b2f4e3d8c6a5b4f3e2d1c0b", JobKind.Folder, "/srv/docs/corpus", JobState.Running, At, At.AddSeconds(1),
        null, new JobProgress(8, 5, 212, "prompting.html"), null, [], null, 1);

    private static DocumentJson Document => new("5e2b9c1d7a3f4e60b8c2d1a9f7e3b5c4", "retrieval-augmented-generation.md",
        "Retrieval-augmented generation", "markdown", 6144, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 7,
        "bge-small-en-v1.5", At, ["llm"]);

    private static ChunkJson Chunk => new(ChunkA, 0, "Retrieval-augmented generation (RAG) retrieves passages from a document collection and "
        + "gives them to the model…", 182, null, null, "Retrieval-augmented generation");

    /// <summary>An example of <paramref name="type"/>, or null when the catalogue has none.</summary>
    public static object? For(Type type) => Examples.TryGetValue(type, out var make) ? make() : null;

    /// <summary>An example of the <c>multipart/form-data</c> body <paramref name="type"/> describes, or null when the
    /// catalogue has none. A form holds files, which have no JSON shape, so this example is written as OpenAPI shows a form:
    /// one member per field, a file as its content; the names come from the form type through the service's naming policy.</summary>
    public static JsonObject? FormFor(Type type, JsonSerializerOptions json)
    {
        if (type != typeof(DocumentUploadForm)) return null;
        string Name(string property) => json.PropertyNamingPolicy?.ConvertName(property) ?? property;
        return new JsonObject
        {
            [Name(nameof(DocumentUploadForm.Files))] = new JsonArray("# Note\n\nA token is a piece of text the model reads as one unit.\n"),
            [Name(nameof(DocumentUploadForm.Tags))] = "llm,notes",
        };
    }

    /// <summary>The types the catalogue covers.</summary>
    public static IReadOnlyCollection<Type> Types => Examples.Keys;

    private static JsonElement Text(string text) => JsonSerializer.SerializeToElement(text);
}
