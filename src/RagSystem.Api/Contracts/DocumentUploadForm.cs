namespace RagSystem.Api.Contracts;

/// <summary>The <c>multipart/form-data</c> body of <c>POST /v1/documents</c>, as the upload reads it. It documents the form
/// (OpenAPI schema and example); the endpoint reads the form itself so that it can check the size limits first.</summary>
/// <param name="Files">The files: one part named <c>files</c> per file, each with its file name (which names the document).</param>
/// <param name="Tags">Tags for every uploaded document, comma-separated (<c>llm,notes</c>); the field may also repeat. Optional.</param>
public sealed record DocumentUploadForm(IFormFileCollection Files, string? Tags = null);
