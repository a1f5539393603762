namespace RagSystem.Models;

/// <summary>Whether a catalogued model is in its role folder.</summary>
public enum ModelInstallState
{
    /// <summary>The role folder is absent or empty.</summary>
    NotInstalled,

    /// <summary>The role folder holds this model, completely pulled.</summary>
    Installed,

    /// <summary>The role folder holds something else: another catalogued model or one placed by hand.</summary>
    OtherModel,

    /// <summary>The role folder was filled by hand (no pull record) with files this role can load: for OCR, a
    /// PP-OCR detection model, recognition model and character list.</summary>
    HandPlaced,
}
