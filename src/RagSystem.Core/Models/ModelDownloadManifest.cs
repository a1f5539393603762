using System.Text.Json;
using System.Text.Json.Serialization;

namespace RagSystem.Models;

/// <summary>The <c>.rag-download.json</c> written last into a pulled model folder: its presence means "complete".</summary>
public sealed record ModelDownloadManifest
{
    /// <summary>File name of the manifest inside the model folder.</summary>
    public const string FileName = ".rag-download.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Catalogue name of the model.</summary>
    public required string Name { get; init; }

    /// <summary>Source repository.</summary>
    public required string Repository { get; init; }

    /// <summary>Revision downloaded.</summary>
    public required string Revision { get; init; }

    /// <summary>Endpoint the files came from.</summary>
    public required string Endpoint { get; init; }

    /// <summary>When the pull completed (UTC).</summary>
    public required DateTimeOffset CompletedAt { get; init; }

    /// <summary>Every file, with its size and the SHA-256 computed on disk.</summary>
    public required IReadOnlyList<ManifestFile> Files { get; init; }

    /// <summary>One downloaded file.</summary>
    public sealed record ManifestFile(string Path, string Source, long Size, string Sha256, bool Verified);

    /// <summary>Reads the manifest of a model folder, or null when there is none (not a complete pull).</summary>
    public static async Task<ModelDownloadManifest?> ReadAsync(string modelDirectory, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(modelDirectory, FileName);
        if (!File.Exists(path)) return null;
        await using var stream = File.OpenRead(path);
        try
        {
            return await JsonSerializer.DeserializeAsync<ModelDownloadManifest>(stream, Json, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new ModelDownloadException($"{path} is not a valid download manifest ({ex.Message}); pull the model again with --force", inner: ex);
        }
    }

    /// <summary>Writes the manifest through a temporary file and a rename, so a crash never leaves half a manifest.</summary>
    public async Task WriteAsync(string modelDirectory, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(modelDirectory, FileName);
        var temporary = path + ".tmp";
        await using (var stream = File.Create(temporary))
        {
            await JsonSerializer.SerializeAsync(stream, this, Json, cancellationToken);
        }
        File.Move(temporary, path, overwrite: true);
    }
}
