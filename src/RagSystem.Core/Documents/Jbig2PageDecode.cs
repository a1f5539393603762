namespace RagSystem.Documents;

/// <summary>One decode through jbig2dec: a global context from the /JBIG2Globals segments when there are any, a page
/// context on top, the page copied out, and every native object freed on every path, errors included.</summary>
internal sealed unsafe class Jbig2PageDecode(Jbig2Library library, long memoryLimitBytes)
{
    public Jbig2Bitmap Run(ReadOnlySpan<byte> data, ReadOnlySpan<byte> globals)
    {
        using var messages = new Jbig2Messages();
        using var budget = new Jbig2MemoryBudget(memoryLimitBytes);
        nint globalCtx = 0, ctx = 0;
        Jbig2Library.Jbig2Image* image = null;
        try
        {
            if (!globals.IsEmpty)
            {
                var globalsCtx = NewContext(budget, 0, messages);
                if (DataIn(globalsCtx, globals) < 0)
                {
                    _ = library.CtxFree(globalsCtx);
                    throw Failure("its /JBIG2Globals segments", messages, budget);
                }
                // The context becomes the global context: from here it is freed as one.
                globalCtx = library.MakeGlobalCtx(globalsCtx);
            }
            ctx = NewContext(budget, globalCtx, messages);
            if (DataIn(ctx, data) < 0 || library.CompletePage(ctx) < 0) throw Failure("the image", messages, budget);
            image = library.PageOut(ctx);
            if (image is null) throw Failure("the image (no complete page)", messages, budget);
            return Copy(image);
        }
        finally
        {
            // The page belongs to the page context and the page context refers to the global one: free in that order.
            if (image is not null) library.ReleasePage(ctx, image);
            if (ctx != 0) _ = library.CtxFree(ctx);
            if (globalCtx != 0) _ = library.GlobalCtxFree(globalCtx);
        }
    }

    private nint NewContext(Jbig2MemoryBudget budget, nint globalCtx, Jbig2Messages messages)
    {
        var ctx = library.CtxNew(budget.Pointer, globalCtx, messages);
        return ctx != 0 ? ctx : throw Failure("a decoding context", messages, budget);
    }

    private int DataIn(nint ctx, ReadOnlySpan<byte> bytes)
    {
        fixed (byte* pointer = bytes)
            return library.DataIn(ctx, pointer, (nuint)bytes.Length);
    }

    private static Jbig2Bitmap Copy(Jbig2Library.Jbig2Image* image)
    {
        var (width, height, stride) = (image->Width, image->Height, image->Stride);
        if (width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue || stride < (width + 7) / 8
            || (ulong)stride * height > int.MaxValue || image->Data is null)
            throw new DocumentReadException(DocumentFailureKind.Corrupt, $"the JBIG2 image's page is unusable ({width}x{height} pixels, {stride} bytes a row)");
        var bits = new ReadOnlySpan<byte>(image->Data, (int)(stride * height)).ToArray();
        return new Jbig2Bitmap((int)width, (int)height, (int)stride, bits);
    }

    private static string Size(long bytes) => bytes >= 1 << 20 ? $"{bytes >> 20} MiB" : $"{bytes >> 10} KiB";

    private static DocumentReadException Failure(string what, Jbig2Messages messages, Jbig2MemoryBudget budget)
    {
        if (budget.Exhausted)
            return new(DocumentFailureKind.Corrupt,
                $"the JBIG2 image is damaged or too large: decoding {what} needed more than {Size(budget.LimitBytes)} (Ocr:MaxPagePixels sets the limit)");
        var detail = messages.Fatal.Length > 0 ? messages.Fatal : messages.Warnings.Length > 0 ? messages.Warnings : "no message";
        return new(DocumentFailureKind.Corrupt, $"the JBIG2 image is damaged: jbig2dec could not decode {what} ({detail})");
    }
}
