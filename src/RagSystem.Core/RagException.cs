namespace RagSystem;

/// <summary>The base of every failure RagSystem reports on purpose: its message says what happened and what to do, in one
/// line, and <see cref="ErrorKind"/> says how a front end should present it. Anything else escaping a command is a bug.</summary>
public class RagException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">How front ends classify it.</param>
    /// <param name="message">One line a user can act on.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public RagException(RagErrorKind kind, string message, Exception? innerException = null) : base(message, innerException) => ErrorKind = kind;

    /// <summary>How front ends classify the failure.</summary>
    public RagErrorKind ErrorKind { get; }
}
