namespace RagSystem;

/// <summary>A setting in <see cref="RagOptions"/> is out of range; the message names the key and the allowed values.</summary>
public sealed class RagConfigurationException(string message) : RagException(RagErrorKind.Misconfigured, message);
