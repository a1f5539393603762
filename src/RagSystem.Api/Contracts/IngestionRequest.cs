using System.ComponentModel;
using System.Text.Json.Serialization;

namespace RagSystem.Api.Contracts;

/// <summary>Body of <c>POST /v1/ingestions</c>.</summary>
/// <param name="Path">A folder under one of the allowed roots (<c>Rag:Api:AllowedRoots</c>); relative paths are taken
/// relative to the first root.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record IngestionRequest([property: Description("A folder under one of the allowed roots.")] string Path);
