namespace RagSystem.Models;

/// <summary>A model could not be downloaded, for a reason stated so the user can act on it.</summary>
public sealed class ModelDownloadException : RagException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">One line naming the file and what to do.</param>
    /// <param name="isTransient">True when retrying may help (network error, 5xx, cut connection).</param>
    /// <param name="inner">The underlying failure.</param>
    public ModelDownloadException(string message, bool isTransient = false, Exception? inner = null)
        : base(isTransient ? RagErrorKind.Unavailable : RagErrorKind.Misconfigured, message, inner) => IsTransient = isTransient;

    /// <summary>True when a retry may succeed.</summary>
    public bool IsTransient { get; }
}
