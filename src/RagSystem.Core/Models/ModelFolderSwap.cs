namespace RagSystem.Models;

/// <summary>Puts a fully staged model folder in place of the current one with directory renames, so a reader of
/// the role folder sees either the old model or the new one, never a mix.</summary>
internal static class ModelFolderSwap
{
    /// <summary>Moves <paramref name="staging"/> to <paramref name="target"/>. A previous target is renamed to
    /// <paramref name="backup"/> first and deleted only once the new folder is in place; it is moved back if that fails.</summary>
    public static void Install(string staging, string target, string backup)
    {
        if (Directory.Exists(backup)) Directory.Delete(backup, recursive: true);
        var hadPrevious = Directory.Exists(target);
        if (hadPrevious) Directory.Move(target, backup);
        try
        {
            Directory.Move(staging, target);
        }
        catch (Exception) when (hadPrevious)
        {
            Directory.Move(backup, target);
            throw;
        }
        if (hadPrevious) Directory.Delete(backup, recursive: true);
    }

    /// <summary>Finishes a swap that died between its two renames: the target is missing but the backup exists.</summary>
    /// <returns>True when the previous model was put back.</returns>
    public static bool RestoreInterrupted(string target, string backup)
    {
        if (Directory.Exists(target) || !Directory.Exists(backup)) return false;
        Directory.Move(backup, target);
        return true;
    }
}
