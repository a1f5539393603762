namespace RagSystem.GenAiBenchmark;

/// <summary>The 1-minute load average from <c>/proc/loadavg</c> (null where the file does not exist).</summary>
internal static class MachineLoad
{
    public static double? OneMinute()
    {
        const string path = "/proc/loadavg";
        if (!File.Exists(path)) return null;
        var first = File.ReadAllText(path).Split(' ')[0];
        return double.TryParse(first, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var load) ? load : null;
    }
}
