namespace RagSystem.Api.Security;

/// <summary>One configured API key: the SHA-256 of its text (the text itself is not kept), its access, and a short
/// non-secret label used to partition rate limits and in logs.</summary>
/// <param name="Hash">SHA-256 of the key's UTF-8 bytes.</param>
/// <param name="Access">What the key allows.</param>
/// <param name="Label">The key's position, such as <c>key#2</c>.</param>
public sealed record ApiKey(byte[] Hash, ApiAccess Access, string Label);
