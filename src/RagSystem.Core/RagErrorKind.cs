namespace RagSystem;

/// <summary>What kind of failure a <see cref="RagException"/> reports. The CLI maps it to an exit code and the REST API to an
/// HTTP status, each in one place.</summary>
public enum RagErrorKind
{
    /// <summary>The request or a setting is wrong (HTTP 400).</summary>
    InvalidInput,

    /// <summary>Something named does not exist (HTTP 404).</summary>
    NotFound,

    /// <summary>The request conflicts with the current state, such as another writer or a different embedding model (HTTP 409).</summary>
    Conflict,

    /// <summary>The caller may not do this (HTTP 403).</summary>
    Forbidden,

    /// <summary>The input is larger than allowed (HTTP 413).</summary>
    TooLarge,

    /// <summary>The input is of a type that cannot be handled (HTTP 415).</summary>
    UnsupportedType,

    /// <summary>A dependency (store server, model server, download host) cannot be reached now; retrying may help (HTTP 503).</summary>
    Unavailable,

    /// <summary>The configuration, a model folder or the runtime cannot be used as set up; an operator must change it (HTTP 500).</summary>
    Misconfigured,

    /// <summary>Stored data is damaged or was written by an incompatible version (HTTP 500).</summary>
    Damaged,
}
