namespace RagSystem.Models;

/// <summary>A model <c>rag models pull</c> knows how to fetch: where it lives and how its folder is laid out.</summary>
public sealed record ModelCatalogEntry
{
    /// <summary>Short name used on the command line, e.g. <c>bge-small-en-v1.5</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The pipeline role; decides the target folder.</summary>
    public required ModelRole Role { get; init; }

    /// <summary>Hugging Face repository id, <c>owner/name</c>.</summary>
    public required string Repository { get; init; }

    /// <summary>Branch, tag or commit to download. Default: <c>main</c>.</summary>
    public string Revision { get; init; } = "main";

    /// <summary>The files to fetch and where they go in the model folder.</summary>
    public required IReadOnlyList<ModelFile> Files { get; init; }

    /// <summary>Licence of the weights, as the model card states it.</summary>
    public required string License { get; init; }

    /// <summary>Approximate download size in bytes, for display only.</summary>
    public required long ApproximateSize { get; init; }

    /// <summary>One line saying what the model is good for.</summary>
    public required string Description { get; init; }

    /// <summary>Content of our <c>rag-model.json</c> hint written into the folder, or null when none is needed.</summary>
    public string? HintJson { get; init; }

    /// <summary>The folder name of <see cref="Role"/> under the models root.</summary>
    public string RoleFolder => RoleFolderOf(Role);

    /// <summary>The folder name of a role under the models root: <c>embedding</c>, <c>generator</c>, <c>reranker</c> or <c>ocr</c>.</summary>
    public static string RoleFolderOf(ModelRole role) => role switch
    {
        ModelRole.Embedding => "embedding",
        ModelRole.Generator => "generator",
        ModelRole.Reranker => "reranker",
        ModelRole.Ocr => "ocr",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "unknown model role"),
    };
}
