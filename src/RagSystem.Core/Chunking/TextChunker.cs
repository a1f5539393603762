using RagSystem.Documents;

namespace RagSystem.Chunking;

/// <summary>Cuts a document into chunks that respect its structure: a chunk never spans two heading
/// sections, prefers to break between paragraphs, then between sentences, and only slices inside a
/// sentence when one sentence alone is over budget. Consecutive chunks of a section overlap by whole
/// sentences up to <see cref="ChunkingOptions.OverlapTokens"/>.</summary>
public sealed class TextChunker
{
    private readonly ITokenCounter _counter;
    private readonly ChunkingOptions _options;

    /// <param name="counter">Measures the budget; the embedding model's tokenizer, or <see cref="WordTokenCounter"/>.</param>
    /// <param name="options">Budget and overlap.</param>
    public TextChunker(ITokenCounter counter, ChunkingOptions? options = null)
    {
        _counter = counter;
        _options = options ?? new ChunkingOptions();
        if (_options.MaxTokens < 8) throw new ArgumentException("Chunking.MaxTokens must be at least 8.", nameof(options));
        if (_options.OverlapTokens < 0 || _options.OverlapTokens >= _options.MaxTokens)
            throw new ArgumentException("Chunking.OverlapTokens must be between 0 and MaxTokens - 1.", nameof(options));
    }

    /// <summary>The counter that measures the budget.</summary>
    public ITokenCounter Counter => _counter;

    /// <summary>Chunks the document. Chunk text is the exact document text of the chunk's span, where the
    /// document text is the sections joined by <c>"\n\n"</c>.</summary>
    public IReadOnlyList<Chunk> Chunk(Document document, CancellationToken cancellationToken = default)
    {
        var text = DocumentText.Join(document.Sections);
        var units = new List<TextUnit>();
        var blockHeadings = new List<IReadOnlyList<string>>();
        var offset = 0;
        for (var index = 0; index < document.Sections.Count; index++)
        {
            var section = document.Sections[index];
            cancellationToken.ThrowIfCancellationRequested();
            if (blockHeadings.Count == 0 || !blockHeadings[^1].SequenceEqual(section.HeadingPath)) blockHeadings.Add(section.HeadingPath);
            var block = blockHeadings.Count - 1;
            foreach (var (ps, pe) in SentenceSplitter.Paragraphs(text, offset, offset + section.Text.Length))
            {
                var first = units.Count;
                foreach (var (ss, se) in SentenceSplitter.Sentences(text, ps, pe))
                {
                    AddUnits(text, ss, se, index, block, units);
                }
                if (units.Count > first) units[first] = units[first] with { StartsParagraph = true };
            }
            offset += section.Text.Length + DocumentText.Separator.Length;
        }
        return Pack(text, document.Sections, units, blockHeadings, cancellationToken);
    }

    private List<Chunk> Pack(string text, IReadOnlyList<Section> sections, List<TextUnit> units, List<IReadOnlyList<string>> headings, CancellationToken cancellationToken)
    {
        var chunks = new List<Chunk>();
        var current = new List<TextUnit>();
        var tokens = 0;
        for (var i = 0; i < units.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var unit = units[i];
            if (current.Count > 0 && current[^1].Block != unit.Block)
            {
                Emit(text, sections, current, headings, chunks);
                current.Clear();
                tokens = 0;
            }
            else if (current.Count > 0 && tokens + unit.Tokens > _options.MaxTokens)
            {
                // Prefer to end the chunk at a paragraph break, if that still leaves it half full;
                // the sentences after the break move on to the next chunk.
                var split = ParagraphSplit(current);
                var emitted = current.GetRange(0, split);
                var carried = current.GetRange(split, current.Count - split);
                Emit(text, sections, emitted, headings, chunks);
                var keep = OverlapTail(emitted, _options.MaxTokens - unit.Tokens - carried.Sum(u => u.Tokens));
                current = [.. emitted.GetRange(emitted.Count - keep, keep), .. carried];
                tokens = current.Sum(u => u.Tokens);
            }
            current.Add(unit);
            tokens += unit.Tokens;
        }
        if (current.Count > 0) Emit(text, sections, current, headings, chunks);
        return chunks;
    }

    private int ParagraphSplit(List<TextUnit> units)
    {
        var before = units.Sum(u => u.Tokens);
        for (var k = units.Count - 1; k > 0; k--)
        {
            before -= units[k].Tokens;
            if (before < _options.MaxTokens / 2) break;
            if (units[k].StartsParagraph) return k;
        }
        return units.Count;
    }

    // How many trailing units to repeat in the next chunk: whole sentences within the overlap budget,
    // and never so many that the next unit would not fit beside them.
    private int OverlapTail(List<TextUnit> units, int room)
    {
        var budget = Math.Min(_options.OverlapTokens, room);
        int keep = 0, sum = 0;
        for (var j = units.Count - 1; j >= 0 && sum + units[j].Tokens <= budget; j--)
        {
            sum += units[j].Tokens;
            keep++;
        }
        return keep == units.Count ? 0 : keep;
    }

    private void Emit(string text, IReadOnlyList<Section> sections, List<TextUnit> units, List<IReadOnlyList<string>> headings, List<Chunk> chunks)
    {
        var start = units[0].Start;
        var end = units[^1].End;
        var chunkText = text[start..end];
        int? pageStart = null, pageEnd = null;
        string? pageLabel = null;
        double ocrSum = 0;
        var ocrSections = 0;
        var previousSection = -1;
        foreach (var u in units)
        {
            var section = sections[u.Section];
            // Units come in document order, so each covered section is met in one run.
            if (u.Section != previousSection && section.OcrConfidence is { } confidence)
            {
                ocrSum += confidence;
                ocrSections++;
            }
            previousSection = u.Section;
            if (section.Page is not { } p) continue;
            if (pageStart is null || p < pageStart) (pageStart, pageLabel) = (p, section.PageLabel);
            pageEnd = pageEnd is null ? p : Math.Max(pageEnd.Value, p);
        }
        chunks.Add(new Chunk(chunks.Count, chunkText, _counter.CountTokens(chunkText), pageStart, pageEnd, headings[units[0].Block], start, end - start,
            pageLabel, ocrSections == 0 ? null : ocrSum / ocrSections));
    }

    private void AddUnits(string text, int start, int end, int section, int block, List<TextUnit> units)
    {
        var tokens = _counter.CountTokens(text.AsSpan(start, end - start));
        if (tokens <= _options.MaxTokens)
        {
            if (tokens > 0) units.Add(new TextUnit(start, end, tokens, section, block, false));
            return;
        }
        // One sentence over budget (a table row run, a formula, CJK without punctuation): slice it by
        // words, and words by characters when a single "word" is itself over budget.
        var sliceStart = start;
        var i = start;
        var sliceTokens = 0;
        while (i < end)
        {
            var wordStart = i;
            while (i < end && char.IsWhiteSpace(text[i])) i++;
            if (i < end && WordTokenCounter.IsDenseScript(text[i])) i++;
            else while (i < end && !char.IsWhiteSpace(text[i]) && !WordTokenCounter.IsDenseScript(text[i])) i++;
            var wordTokens = _counter.CountTokens(text.AsSpan(wordStart, i - wordStart));
            if (sliceTokens > 0 && sliceTokens + wordTokens > _options.MaxTokens)
            {
                AddSlice(text, sliceStart, wordStart, section, block, units);
                sliceStart = wordStart;
                sliceTokens = 0;
            }
            sliceTokens += wordTokens;
            if (wordTokens > _options.MaxTokens)
            {
                // A single token-dense word (a URL, a base64 blob): cut it where the budget runs out.
                var cut = wordStart + Math.Max(1, (i - wordStart) * _options.MaxTokens / wordTokens / 2);
                AddSlice(text, sliceStart, cut, section, block, units);
                sliceStart = cut;
                i = cut;
                sliceTokens = 0;
            }
        }
        if (sliceStart < end) AddSlice(text, sliceStart, end, section, block, units);
    }

    private void AddSlice(string text, int start, int end, int section, int block, List<TextUnit> units)
    {
        while (start < end && char.IsWhiteSpace(text[start])) start++;
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        if (end <= start) return;
        var tokens = _counter.CountTokens(text.AsSpan(start, end - start));
        if (tokens > 0) units.Add(new TextUnit(start, end, tokens, section, block, false));
    }
}
