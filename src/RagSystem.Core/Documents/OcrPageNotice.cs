namespace RagSystem.Documents;

/// <summary>Lets a reader announce, while it runs, each page it is about to send to OCR, so that whoever limits its time
/// can grow the limit with the work (see <c>Ingestion:PerOcrPageTimeout</c>). The listener flows with the async context,
/// which keeps <see cref="IDocumentReader"/>'s contract as small as it is: readers without OCR never hear of it.</summary>
public static class OcrPageNotice
{
    private static readonly AsyncLocal<Action?> s_listener = new();

    /// <summary>Calls <paramref name="onPage"/> for each page announced in this async context (and the tasks it starts)
    /// until the returned scope is disposed.</summary>
    public static IDisposable Listen(Action onPage)
    {
        ArgumentNullException.ThrowIfNull(onPage);
        var previous = s_listener.Value;
        s_listener.Value = onPage;
        return new Scope(previous);
    }

    /// <summary>Announces one page about to be OCR-ed.</summary>
    public static void PageStarting() => s_listener.Value?.Invoke();

    private sealed class Scope(Action? previous) : IDisposable
    {
        public void Dispose() => s_listener.Value = previous;
    }
}
