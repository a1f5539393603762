using RagSystem.Benchmarks;

// Each benchmark prints ratios measured in this one run. Usage: dotnet run -c Release --project bench/RagSystem.Benchmarks -- <name> [args]
var benchmarks = new Dictionary<string, Func<string[], Task>>(StringComparer.OrdinalIgnoreCase)
{
    ["ingestion"] = IngestionBenchmark.RunAsync,
    ["retrieval"] = RetrievalBenchmark.RunAsync,
    ["lexical"] = LexicalBenchmark.RunAsync,
    ["lexical-tune"] = LexicalTuning.RunAsync,
    ["synthetic-store"] = SyntheticChunkCorpus.RunAsync,
    ["dense-under-writes"] = DenseUnderWritesBenchmark.RunAsync,
    ["dense-int8"] = DenseQuantizationBenchmark.RunAsync,
    ["hybrid"] = HybridBenchmark.RunAsync,
    ["embedding"] = EmbeddingBenchmark.RunAsync,
    ["decoder"] = DecoderBenchmark.RunAsync,
    ["query-lane"] = QueryLaneBenchmark.RunAsync,
    ["ocr"] = OcrBenchmark.RunAsync,
    ["ocr-scans"] = OcrScanBenchmark.RunAsync,
    ["ocr-spaces"] = OcrSpaceRecoveryBenchmark.RunAsync,
};
if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.WriteLine($"usage: RagSystem.Benchmarks <{string.Join('|', benchmarks.Keys)}> [args]");
    return 2;
}
await run(args[1..]);
return 0;
