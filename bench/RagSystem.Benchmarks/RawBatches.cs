using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;

namespace RagSystem.Benchmarks;

/// <summary>Pre-tokenized, length-sorted, padded input tensors for an encoder, built once so that timing them measures
/// nothing but <c>session.Run</c>. Same tokenization and truncation as the generator ([CLS] text [SEP], cut to the limit).</summary>
internal sealed class RawBatches : IDisposable
{
    private readonly List<OrtValue[]> _inputs = [];
    private readonly List<string[]> _texts = [];
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;

    private RawBatches(string[] inputNames, string[] outputNames) => (_inputNames, _outputNames) = (inputNames, outputNames);

    /// <summary>Number of batches.</summary>
    public int Count => _inputs.Count;

    public long TotalTokens { get; private set; }

    public long PaddedTokens { get; private set; }

    public static RawBatches Build(InferenceSession session, BertTokenizer tokenizer, IReadOnlyList<string> texts, int maxTokens, int batchSize)
    {
        var batches = new RawBatches(session.InputMetadata.Keys.ToArray(), [session.OutputMetadata.Keys.First()]);
        var sorted = texts
            .Select(t => (Text: t, Body: tokenizer.EncodeToIds(t, maxTokens - 2, addSpecialTokens: false, out _, out _)))
            .Select(x => (x.Text, Ids: (int[])[tokenizer.ClassificationTokenId, .. x.Body, tokenizer.SeparatorTokenId]))
            .OrderBy(x => x.Ids.Length)
            .ToList();
        for (var start = 0; start < sorted.Count; start += batchSize)
        {
            var group = sorted.Skip(start).Take(batchSize).ToList();
            batches._texts.Add(group.Select(x => x.Text).ToArray());
            var rows = group.Select(x => x.Ids).ToList();
            var seq = rows[^1].Length;
            var ids = new long[rows.Count * seq];
            var mask = new long[ids.Length];
            for (var r = 0; r < rows.Count; r++)
            {
                for (var t = 0; t < rows[r].Length; t++)
                {
                    ids[r * seq + t] = rows[r][t];
                    mask[r * seq + t] = 1;
                }
                batches.TotalTokens += rows[r].Length;
            }
            batches.PaddedTokens += ids.Length;
            long[] shape = [rows.Count, seq];
            batches._inputs.Add(batches._inputNames.Select(name => name switch
            {
                "input_ids" => OrtValue.CreateTensorValueFromMemory(ids, shape),
                "attention_mask" => OrtValue.CreateTensorValueFromMemory(mask, shape),
                _ => OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape),
            }).ToArray());
        }
        return batches;
    }

    /// <summary>The texts of batch <paramref name="index"/>, shortest first: fed to the generator they form the very same batch.</summary>
    public IReadOnlyList<string> Texts(int index) => _texts[index];

    /// <summary>Runs batch <paramref name="index"/> and drops the output.</summary>
    public void Run(InferenceSession session, int index)
    {
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, _inputNames, _inputs[index], _outputNames);
    }

    public void Dispose()
    {
        foreach (var value in _inputs.SelectMany(i => i)) value.Dispose();
        _inputs.Clear();
    }
}
