using System.Globalization;
using RagSystem.Evaluation;
using RagSystem.Storage;

namespace RagSystem.Benchmarks;

/// <summary><c>lexical-tune</c>: nDCG@10 of the Lucene lexical index on a BEIR split (tune on train, quote test) for a grid
/// of BM25 k1 and b, through the same <see cref="BeirEvaluator"/> as <c>rag eval</c>. Arguments: [beir folder] [split]
/// [k1 list] [b list], lists comma-separated. FTS5 is measured once for reference.</summary>
public static class LexicalTuning
{
    public static async Task RunAsync(string[] args)
    {
        var directory = args.Length > 0 ? args[0] : "/work/shared/data/scifact";
        var split = args.Length > 1 ? args[1] : "train";
        var k1s = (args.Length > 2 ? args[2] : "0.6,0.9,1.2").Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToList();
        var bs = (args.Length > 3 ? args[3] : "0.3,0.4,0.6,0.75").Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToList();
        var fts = await new BeirEvaluator().EvaluateAsync(directory, new BeirEvaluationOptions
        {
            Split = split,
            Store = new SqliteStoreOptions { LexicalEngine = SqliteLexicalEngine.Fts5 },
        });
        Console.WriteLine($"{split}: FTS5 bm25 nDCG@10 {fts.NdcgAt10:F4}");
        Console.WriteLine("| k1 | b | nDCG@10 | recall@100 |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var k1 in k1s)
        {
            foreach (var b in bs)
            {
                var result = await new BeirEvaluator().EvaluateAsync(directory, new BeirEvaluationOptions
                {
                    Split = split,
                    Store = new SqliteStoreOptions { LuceneK1 = k1, LuceneB = b },
                });
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {k1} | {b} | {result.NdcgAt10:F4} | {result.RecallAt100:F4} |"));
            }
        }
    }
}
