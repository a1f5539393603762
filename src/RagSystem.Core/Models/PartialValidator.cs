using System.Globalization;
using System.Net.Http.Headers;

namespace RagSystem.Models;

/// <summary>The validator of the response a <c>.partial</c> file came from, kept in <c>&lt;partial&gt;.validator</c> so a
/// later run can resume with <c>If-Range</c>: a strong ETag (<c>etag "…"</c>) or else the Last-Modified date (<c>date …</c>).</summary>
internal static class PartialValidator
{
    /// <summary>The sidecar file of <paramref name="partialPath"/>.</summary>
    public static string PathOf(string partialPath) => partialPath + ".validator";

    /// <summary>The validator of <paramref name="response"/>: its strong ETag, else its Last-Modified date, else null
    /// (a weak ETag may not be used with If-Range).</summary>
    public static RangeConditionHeaderValue? Of(HttpResponseMessage response)
    {
        if (response.Headers.ETag is { IsWeak: false } etag) return new RangeConditionHeaderValue(etag);
        return response.Content.Headers.LastModified is { } date ? new RangeConditionHeaderValue(date) : null;
    }

    /// <summary>Records <paramref name="validator"/> beside the partial, or removes a stale record when there is none.</summary>
    public static void Write(string partialPath, RangeConditionHeaderValue? validator)
    {
        var path = PathOf(partialPath);
        if (validator is null)
        {
            File.Delete(path);
            return;
        }
        var line = validator.EntityTag is { } tag ? "etag " + tag.Tag : "date " + validator.Date!.Value.ToString("R", CultureInfo.InvariantCulture);
        File.WriteAllText(path, line);
    }

    /// <summary>The recorded validator of <paramref name="partialPath"/>, or null when none was recorded or it does not parse.</summary>
    public static RangeConditionHeaderValue? Read(string partialPath)
    {
        var path = PathOf(partialPath);
        if (!File.Exists(path)) return null;
        var line = File.ReadAllText(path).Trim();
        try
        {
            if (line.StartsWith("etag ", StringComparison.Ordinal)) return new RangeConditionHeaderValue(new EntityTagHeaderValue(line[5..]));
            if (line.StartsWith("date ", StringComparison.Ordinal)
                && DateTimeOffset.TryParseExact(line[5..], "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
                return new RangeConditionHeaderValue(date);
        }
        catch (FormatException)
        {
            // A damaged record means the partial cannot be trusted: the caller starts over.
        }
        return null;
    }

    /// <summary>Removes the record once the file is complete.</summary>
    public static void Delete(string partialPath) => File.Delete(PathOf(partialPath));
}
